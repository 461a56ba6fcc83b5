using Ommx.Integration.Comparison;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry.Archives;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

/// <summary><c>ommx report</c> through the real tool: HTML file, Markdown, baseline, checkpoints, and every failure path.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private const string Base = "example.com/cli/report:base";
    private const string Head = "example.com/cli/report:head";
    private const string Failing = "example.com/cli/report:failing";
    private readonly TempRegistryRoot temp = new();

    public ReportCommandTests() => temp.With(registry =>
    {
        Record(registry, Base, [("Knapsack", 47, "passed", 41.0), ("Knapsack", 56, "passed", 49.0), ("Parse", 0, "passed", 0.0)]).Commit();
        Record(registry, Head, [("Knapsack", 47, "passed", 41.0), ("Knapsack", 56, "passed", 45.0), ("Parse", 0, "failed", 0.0)]).Commit();
        using var failing = Record(registry, Failing, [("Knapsack", 47, "passed", 41.0), ("Parse", 0, "failed", 0.0)]);
        failing.CommitFailedCheckpoint("1 test(s) failed: Suite.Parse");
    });

    [Fact]
    public void Html_WritesOneSelfContainedPageAndSaysWhere()
    {
        var path = temp.Scratch.Combine("out", "report.html");

        var result = temp.Ommx("report", Head, "-o", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(path, result.Stdout);
        Assert.Contains("3 run(s), 1 failure(s)", result.Stdout);
        var html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("data-metric=\"objective\"", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("<tr", StringSplitOptions.None).Length - 1 - 1);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Markdown_GoesToStandardOutputWithTheBaselineDiff()
    {
        var result = temp.Ommx("report", Head, "--format", "markdown", "--baseline", Base);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith($"### OMMX report: `{Head}`", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("**Failures (1)**", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"### OMMX diff: `{Base}` → `{Head}`", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("| broke | Suite.Parse(n: 0) | test.outcome | passed | failed |", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlWithBaseline_HighlightsRegressionsAndOverlaysTheMetric()
    {
        var path = temp.Scratch.Combine("diff.html");

        var result = temp.Ommx("report", Head, "--baseline", Base, "-o", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var html = File.ReadAllText(path);
        Assert.Contains("<tr class=\"broke\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"regressed\">", html, StringComparison.Ordinal);
        Assert.Contains("baseline: 3 points", html, StringComparison.Ordinal);
    }

    [Fact]
    public void FailedCheckpoint_IsReportedUnderItsUserFacingName()
    {
        var path = temp.Scratch.Combine("failing.html");

        var result = temp.Ommx("report", Failing, "-o", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{Failing} has no commit; reported its checkpoint", result.Stdout, StringComparison.Ordinal);
        var html = File.ReadAllText(path);
        Assert.Contains("failed: 1 test(s) failed: Suite.Parse", html, StringComparison.Ordinal);
        Assert.Contains("<details class=\"failure o-failed\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingImage_FailsWithOneLineNamingIt()
    {
        var result = temp.Ommx("report", "missing.ommx.local/nothing:here", "-o", temp.Scratch.Combine("x.html"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing.ommx.local/nothing:here", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Scratch.Combine("x.html")));
    }

    [Fact]
    public void PlainOmmxArtifact_IsRefusedNamingWhatItIsAndWhatToRun()
    {
        var imported = temp.With(registry => OciArchiveImporter.Import(registry, TestPaths.RealArchive("random_lp_instance.ommx")));

        var result = temp.Ommx("report", imported.Image.ToString(), "-o", temp.Scratch.Combine("x.html"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not an Experiment (artifact type application/org.ommx.v1.artifact)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("ommx inspect", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnwritableOutput_FailsNamingTheFileAndTheFix()
    {
        var directory = temp.Scratch.Combine("taken");
        Directory.CreateDirectory(directory);

        var result = temp.Ommx("report", Head, "-o", directory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"cannot write the report to {directory}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("-o -", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFormat_IsAUsageError()
    {
        var result = temp.Ommx("report", Head, "--format", "pdf");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pdf", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();

    private static Experiment Record(Registry.LocalRegistry registry, string image, (string Method, int N, string Outcome, double Objective)[] cases)
    {
        var experiment = Experiment.Create(registry, image);
        experiment.DurableRuns = false;
        experiment.SetAnnotation(MetricAnnotation.Key, MetricAnnotation.Format([new MetricDeclaration("objective", MetricGoal.Maximize)]));
        foreach (var (method, n, outcome, objective) in cases)
        {
            var run = experiment.Run();
            var display = $"Suite.{method}(n: {n})";
            run.LogParameter("test.id", "id-" + display);
            run.LogParameter("test.display_name", display);
            run.LogParameter("test.method", method);
            run.LogParameter("test.outcome", outcome);
            run.LogParameter("n", (long)n);
            run.LogParameter("objective", objective);
            if (outcome == "failed")
            {
                run.LogText("stack-trace.txt", "   at Suite.Parse()");
                run.Fail("Xunit.Sdk.TrueException: parse failed");
            }
            else
            {
                run.Finish();
            }
        }

        return experiment;
    }
}
