using System.Diagnostics;
using System.Text.RegularExpressions;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Xunit.Abstractions;

namespace Ommx.Integration.Xunit.Tests;

/// <summary>
/// The README, followed as a new user would: every shell block marked <c>&lt;!-- runnable … --&gt;</c> runs
/// as written, in order, from the repository root — against a temp registry instead of the user's.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class ReadmeTests(ITestOutputHelper output)
{
    [Fact]
    public void RunnableBlocks_RunAsWritten_RecordKnapsackSampleAndInspectIt()
    {
        var blocks = RunnableBlocks(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md")));
        Assert.Equal(["dotnet test samples/Knapsack.Tests", "dotnet run --project src/Ommx.Integration.Tool -- inspect example.com/ommx-integration/knapsack:latest"], blocks);
        using var temp = new TempDirectory();

        var results = blocks.Select(block => Bash(block, temp.Path)).ToList();

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Output));
        var sample = results[0].Output;
        var line = sample.Split('\n').Single(l => l.Contains("OMMX: committed ", StringComparison.Ordinal));
        var name = line[(line.IndexOf("OMMX: committed ", StringComparison.Ordinal) + 16)..].Split(' ')[0];
        Assert.StartsWith("example.com/ommx-integration/knapsack:", name, StringComparison.Ordinal);
        Assert.Contains("inspect: ommx inspect example.com/ommx-integration/knapsack:latest", sample, StringComparison.Ordinal);

        using var registry = LocalRegistry.Open(temp.Path);
        using var experiment = Experiment.Load(registry, name);
        Assert.Equal(6, experiment.Runs.Count);
        var run47 = experiment.Runs.Single(r => r.Parameters.TryGetValue("capacity", out var c) && c.AsInt64() == 47 && r.Parameters["test.method"].AsString() == "Solve_Capacity_LogsObjectiveAndSelection");
        Assert.Equal(41L, run47.Parameters["objective"].AsInt64());
        var solve = Assert.Single(run47.SolveViews);
        Assert.Equal(RunStatus.Finished, solve.Status);
        Assert.Equal("Ommx.Integration.OrTools.OrToolsMilpAdapter", solve.Adapter);
        Assert.Equal(41, solve.Output!.Objective);
        Assert.Equal("knapsack", experiment.Annotations["com.example.problem"]);

        // :latest is the run just committed: same manifest, its run-parameter table.
        var inspect = results[1].Output;
        Assert.Contains(line.Trim().Split(' ')[^1], inspect, StringComparison.Ordinal);
        Assert.Contains("Runs 6 run(s), 6 solve(s)", inspect, StringComparison.Ordinal);
        Assert.Contains("capacity", inspect, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_InReadmeAndDocs_PointToFilesInsideTheRepository()
    {
        var pages = new[] { "README.md", Path.Combine("bench", "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "docs"), "*.md").Select(f => Path.GetRelativePath(TestPaths.RepoRoot, f)));
        var broken = new List<string>();
        foreach (var page in pages)
        {
            var directory = Path.GetDirectoryName(Path.Combine(TestPaths.RepoRoot, page))!;
            foreach (Match link in MarkdownLink().Matches(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, page))))
            {
                var target = link.Groups["target"].Value.Split('#')[0];
                var inside = !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal)
                    && Path.GetFullPath(Path.Combine(directory, target)).StartsWith(TestPaths.RepoRoot, StringComparison.Ordinal);
                if (!inside || (target.Length > 0 && !Path.Exists(Path.Combine(directory, target))))
                {
                    broken.Add($"{page}: {link.Value}");
                }
            }
        }

        Assert.Empty(broken);
    }

    /// <summary>The <c>sh</c> blocks right after a <c>&lt;!-- runnable …--&gt;</c> comment.</summary>
    internal static IReadOnlyList<string> RunnableBlocks(string markdown) =>
        [.. RunnableBlock().Matches(markdown).Select(m => m.Groups["body"].Value.Trim())];

    private (int ExitCode, string Output) Bash(string script, string registryRoot)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = TestPaths.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-ec");
        info.ArgumentList.Add(script);
        info.Environment["OMMX_LOCAL_REGISTRY_ROOT"] = registryRoot;
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment.Remove("OMMX_EXPERIMENT_NAME");
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        output.WriteLine($"$ {script}\n{text}");
        return (process.ExitCode, text);
    }

    [GeneratedRegex(@"<!-- runnable[^>]*-->\s*```sh\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex RunnableBlock();

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
