using System.Text.Json.Nodes;
using Ommx.Integration.MSBuild.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.MSBuild.Tests.EndToEnd;

/// <summary>
/// The comparison flow on what <c>dotnet new ommx-xunit --solver ortools</c> generates, consumed from the packed
/// packages with the <c>ommx</c> tool installed as a local tool: the baseline recorded and pushed to a real
/// registry on loopback, then the generated tests edited to a weaker solver setting (capacity 56 solved as 46) and
/// to a failing assertion, recorded into another Local Registry so the baseline is pulled.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class TemplateComparisonEndToEndTests(PackedFeed feed, ITestOutputHelper output)
{
    private const string Project = "My.Solver";
    private const string Regressed = "My.Solver.ExperimentTests.Knapsack_Capacity_RecordsTheSolve(capacity: 56)";
    private const string Broken = "My.Solver.ExperimentTests.Knapsack_Capacity47_ReachesKnownOptimum41";

    [Fact]
    public void OmmxXunitTemplate_RecordedAgainWithAWorseSetting_GateAndDiffNameExactlyTheRegressedAndBrokenCases()
    {
        using var remote = new DistributionRegistry();
        using var headRoot = new TempDirectory();
        Directory.CreateDirectory(headRoot.Path);
        using var work = new ConsumerProject(feed);
        Succeeds(work.NewFromTemplate("ommx-xunit", Project, "--solver", "ortools"));
        Succeeds(work.InstallOmmxTool());
        var baseline = $"{remote.Host}/my/solver:base";
        Succeeds(work.Dotnet(["build"], inProject: Project));

        var recorded = Test(work, ["-p:OmmxExperimentName=" + baseline, "-p:OmmxPushAfterCommit=true"], []);
        Assert.Equal(0, recorded.ExitCode);
        Assert.Contains($"OMMX: Pushed {baseline}", recorded.Output, StringComparison.Ordinal);

        // A weaker setting for one theory row: its objective drops from 49 to 41; the tests still pass.
        Edit(work, "Knapsack.Create(capacity)", "Knapsack.Create(capacity == 56 ? capacity - 10 : capacity)");
        Succeeds(work.Dotnet(["build"], inProject: Project));
        var head = new Dictionary<string, string?> { ["OMMX_LOCAL_REGISTRY_ROOT"] = headRoot.Path };

        var strict = Test(work, ["-p:OmmxBaseline=" + baseline, "-p:OmmxFailOnRegression=true"], head);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains($"OMMX: against baseline {baseline}: 0 broke, 0 fixed, 0 still failing, 0 new, 0 removed, 1 regressed, 0 improved, 3 unchanged", strict.Output, StringComparison.Ordinal);
        Assert.Contains($"error OMMX1062: OMMX: regressed against baseline: {Regressed}: objective 49 → 41 (maximize); solve[0].objective 49 → 41 (maximize)", strict.Output, StringComparison.Ordinal);
        Assert.Single(Lines(strict.Output, "error OMMX1062"));

        var lenient = Test(work, ["-p:OmmxBaseline=" + baseline], head);
        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains($"warning OMMX1061: OMMX: regressed against baseline: {Regressed}: objective 49 → 41 (maximize); solve[0].objective 49 → 41 (maximize)", lenient.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error OMMX", lenient.Output, StringComparison.Ordinal);
        var committed = Lines(lenient.Output, "OMMX: committed ").Single().Trim().Split(' ')[2];

        // `ommx diff` of the two committed Experiments (the metric comes from the template's OmmxMetric item).
        var diff = work.Dotnet(["ommx", "diff", baseline, committed, "--json", "--fail-on-regression", "--root", headRoot.Path]);
        output.WriteLine(diff.Output);
        Assert.Equal(1, diff.ExitCode);
        var report = JsonNode.Parse(diff.Output)!;
        Assert.Equal(1, report["summary"]!["regressed"]!.GetValue<int>());
        Assert.Equal(0, report["summary"]!["broke"]!.GetValue<int>());
        var change = Assert.Single(report["changes"]!.AsArray())!;
        Assert.Equal(Regressed, change["display_name"]!.GetValue<string>());
        // The declared metric, and the objective of the recorded Solve (solver results are compared too).
        Assert.Equal(
            [("objective", 49.0, 41.0, "regressed"), ("solve[0].objective", 49.0, 41.0, "regressed")],
            change["metrics"]!.AsArray().Select(m => (m!["name"]!.GetValue<string>(), m["base"]!.GetValue<double>(), m["head"]!.GetValue<double>(), m["verdict"]!.GetValue<string>())));

        // Then the known-optimum test is made to fail: the failed checkpoint holds one broken and one regressed case.
        Edit(work, "Knapsack.Create(47)", "Knapsack.Create(40)");
        Succeeds(work.Dotnet(["build"], inProject: Project));
        var failing = Test(work, ["-p:OmmxBaseline=" + baseline], head);
        Assert.Equal(1, failing.ExitCode);
        // A case counts once per line it belongs to: the broken case's Solve also found less (41 → 31).
        Assert.Contains($"OMMX: against baseline {baseline}: 1 broke, 0 fixed, 0 still failing, 0 new, 0 removed, 2 regressed, 0 improved, 2 unchanged", failing.Output, StringComparison.Ordinal);
        Assert.Contains($"warning OMMX1061: OMMX: broke against baseline: {Broken}: broke, test.outcome passed → failed; solve[0].objective 41 → 31 (maximize)", failing.Output, StringComparison.Ordinal);

        // The failed checkpoint is diffed under the alias the failure hint prints.
        var checkpoint = work.Dotnet(["ommx", "diff", baseline, "example.com/my.solver:latest-failed", "--json", "--root", headRoot.Path]);
        output.WriteLine(checkpoint.Output);
        Assert.Equal(0, checkpoint.ExitCode);
        var changes = JsonNode.Parse(checkpoint.Output)!["changes"]!.AsArray()
            .Select(c => (c!["display_name"]!.GetValue<string>(), c["outcome"]!.GetValue<string>()))
            .OrderBy(c => c.Item1, StringComparer.Ordinal);
        Assert.Equal([(Broken, "broke"), (Regressed, "same")], changes);
    }

    private static void Edit(ConsumerProject work, string from, string to)
    {
        var path = Path.Combine(work.Directory, Project, "ExperimentTests.cs");
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Lines(string text, string containing) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains(containing, StringComparison.Ordinal));

    private void Succeeds((int ExitCode, string Output) result)
    {
        output.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0, result.Output);
    }

    private (int ExitCode, string Output) Test(ConsumerProject work, string[] arguments, Dictionary<string, string?> environment)
    {
        var result = work.Dotnet(["test", "--no-build", .. arguments], environment, Project);
        output.WriteLine($"--- dotnet test {string.Join(' ', arguments)}: exit {result.ExitCode}\n{result.Output}");
        return result;
    }
}
