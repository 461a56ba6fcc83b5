using System.Diagnostics;
using Ommx.Integration.Experiments;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

/// <summary>
/// <c>ommx inspect</c> on an Experiment shaped like a real test suite: 48 Runs from 12 test methods, each
/// method with its own argument names, so the run-parameter table has ~50 sparse columns.
/// </summary>
public sealed class InspectWideTableTests : IDisposable
{
    private const string Image = "example.com/cli/suite:v1";
    private readonly TempRegistryRoot temp = new();

    public InspectWideTableTests() => temp.With(registry =>
    {
        using var experiment = Experiment.Create(registry, Image);
        experiment.DurableRuns = false;
        for (var method = 0; method < 12; method++)
        {
            for (var testCase = 0; testCase < 4; testCase++)
            {
                var m = method;
                var c = testCase;
                experiment.Run(run =>
                {
                    run.LogParameter("test.id", $"Suite.Tests.Class{m}.Method{m}(case: {c})-{Guid.Empty}");
                    run.LogParameter("test.display_name", $"Suite.Tests.Class{m}.Method{m}(argument_{m}_a: {c}, argument_{m}_b: \"value {c}\")");
                    run.LogParameter("test.class", $"Suite.Tests.Class{m}");
                    run.LogParameter("test.method", $"Method{m}");
                    run.LogParameter("test.outcome", c == 3 ? "failed" : "passed");
                    run.LogParameter("test.duration_seconds", 0.25 * (c + 1));
                    run.LogParameter($"argument_{m}_a", c);
                    run.LogParameter($"argument_{m}_b", $"value {c}");
                    run.LogParameter($"argument_{m}_c", c == 1 ? double.NaN : c * 1.5);
                    run.LogParameter($"argument_{m}_d", c % 2 == 0);
                    if (m == 0)
                    {
                        run.LogParameter("trait.Category", "slow");
                    }
                });
            }
        }

        experiment.Commit();
    });

    [Fact]
    public void Piped_CutTo120WithUserParametersAfterIdentifyingColumns()
    {
        var result = temp.Ommx("inspect", Image);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 120, $"{line.Length} characters: {line}"));
        var header = lines.Single(l => l.TrimStart().StartsWith("RUN  STATUS", StringComparison.Ordinal));
        var names = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["RUN", "STATUS", "test.method", "test.outcome", "argument_0_a", "argument_0_b", "argument_0_c"], names[..7]);
        Assert.Contains("  Parameters 55 column(s), ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("more column(s) not shown: ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  choose: --columns a,b,c; one Run: --run <id>; all: --json\n", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(48, lines.Count(l => l.Contains("  finished  Method", StringComparison.Ordinal)));
    }

    [Fact]
    public void NaN_AndMissing_LookDifferent()
    {
        var result = temp.Ommx("inspect", Image, "--columns", "test.method,argument_0_c,argument_1_c");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.Lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(c => c.Length == 5 && c[1] == "finished").ToList();
        Assert.Equal(["0", "finished", "Method0", "0.0", "-"], rows[0]);
        Assert.Equal(["1", "finished", "Method0", "NaN", "-"], rows[1]);
        Assert.Equal(["5", "finished", "Method1", "-", "NaN"], rows[5]);
        Assert.Contains("(- = not logged in that Run; NaN = a logged NaN)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_ShowsExactlyThoseInThatOrder_WhateverTheWidth()
    {
        var result = OmmxTool.Run(new Dictionary<string, string> { ["COLUMNS"] = "40" },
            "inspect", Image, "--root", temp.Root, "--columns", "argument_11_b, test.display_name,test.method");

        Assert.True(result.ExitCode == 0, result.ToString());
        var header = result.Lines.Single(l => l.TrimStart().StartsWith("RUN  STATUS", StringComparison.Ordinal));
        Assert.Equal(["RUN", "STATUS", "argument_11_b", "test.display_name", "test.method"], header.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("  Parameters 3 chosen of 55", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("not shown", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Suite.Tests.Class0.Method0(argu…  Method0", result.Stdout, StringComparison.Ordinal); // long cells are cut
    }

    [Fact]
    public void Columns_UnknownName_IsUsageErrorNamingTheColumns()
    {
        var result = temp.Ommx("inspect", Image, "--columns", "test.methd");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--columns: no run parameter `test.methd`; its columns: test.method, test.outcome,", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Did you mean `test.method`?", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnsEnvironment_SetsTheWidthWhenPiped()
    {
        var result = OmmxTool.Run(new Dictionary<string, string> { ["COLUMNS"] = "70" }, "inspect", Image, "--root", temp.Root);

        Assert.True(result.ExitCode == 0, result.ToString());
        var header = result.Lines.Single(l => l.TrimStart().StartsWith("RUN  STATUS", StringComparison.Ordinal));
        Assert.True(header.Length <= 70, header);
        // argument_0_c (and test.duration_seconds) would pass 70; nothing narrower comes after them.
        Assert.Equal(["RUN", "STATUS", "test.method", "test.outcome", "argument_0_a", "argument_0_b"], header.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("1", false)]
    [InlineData("", true)]
    public void OnATerminal_NoColorMeansNoAnsiEscapes(string noColor, bool expectEscapes)
    {
        var output = OnTerminal(noColor, "inspect", Image, "--root", temp.Root);

        Assert.Contains("test.method", output, StringComparison.Ordinal);
        Assert.True(expectEscapes == output.Contains('\u001b', StringComparison.Ordinal), output.Replace("\u001b", "<ESC>", StringComparison.Ordinal));
    }

    /// <summary>Runs the tool on a pseudo-terminal (util-linux <c>script</c>), 100 columns wide, and returns what it printed.</summary>
    private static string OnTerminal(string noColor, params string[] args)
    {
        var command = "stty cols 100 rows 50; exec dotnet " + Quote(TestPaths.ToolDll) + " " + string.Join(' ', args.Select(Quote));
        var info = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "-q", "-e", "-c", command, "/dev/null" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = noColor;
        info.Environment["TERM"] = "xterm-256color";
        info.Environment.Remove("OMMX_PLAIN_OUTPUT");
        info.Environment.Remove("CI");
        info.Environment.Remove("COLUMNS");
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("script did not finish");
        }

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{stdout}\n{stderr.GetAwaiter().GetResult()}");
        return stdout;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public void Dispose() => temp.Dispose();
}
