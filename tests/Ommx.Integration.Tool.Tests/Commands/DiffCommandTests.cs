using Ommx.Integration.Experiments;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

/// <summary><c>ommx diff</c> through the real tool: summary, changed rows, exit codes, JSON and Markdown.</summary>
public sealed class DiffCommandTests : IDisposable
{
    private const string Base = "example.com/cli/diff:base";
    private const string Head = "example.com/cli/diff:head";
    private readonly TempRegistryRoot temp = new();

    public DiffCommandTests() => temp.With(registry =>
    {
        Record(registry, Base, [("Knapsack(47)", "passed", 41.0), ("Knapsack(56)", "passed", 49.0), ("Parse", "passed", 0.0), ("Flaky", "failed", 0.0)]);
        Record(registry, Head, [("Flaky", "passed", 0.0), ("Knapsack(56)", "passed", 45.0), ("Parse", "failed", 0.0), ("Knapsack(47)", "passed", 41.0)]);
    });

    [Fact]
    public void Text_PrintsTheSummaryThenWorstRowsFirst()
    {
        var result = temp.Ommx("diff", Base, Head, "--metric", "objective:maximize:1e-6");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("1 broke, 1 fixed, 0 still failing, 0 new, 0 removed, 1 regressed, 0 improved, 1 unchanged", result.Stdout);
        var rows = result.Lines.SkipWhile(l => !l.StartsWith("CHANGE", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("broke", rows[0]);
        Assert.Contains("Suite.Parse", rows[0]);
        Assert.StartsWith("regressed", rows[1]);
        Assert.Matches(@"Suite\.Knapsack\(56\)\s+objective\s+49\s+45", rows[1]);
        Assert.StartsWith("fixed", rows[2]);
    }

    [Fact]
    public void FailOnRegression_WithARegression_ExitsOne()
    {
        Assert.Equal(1, temp.Ommx("diff", Base, Head, "--fail-on-regression").ExitCode);
        Assert.Equal(0, temp.Ommx("diff", Base, Base, "--fail-on-regression").ExitCode);
    }

    [Fact]
    public void Json_ListsOnlyChangedCasesWithVerdicts()
    {
        var json = temp.Ommx("diff", Base, Head, "--metric", "objective:maximize", "--json").Json();

        Assert.True(json.GetProperty("regression").GetBoolean());
        Assert.Equal(1, json.GetProperty("summary").GetProperty("regressed").GetInt32());
        var changes = json.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(3, changes.Count);
        var knapsack = changes.Single(c => c.GetProperty("key").GetString() == "id-Knapsack(56)");
        var objective = knapsack.GetProperty("metrics").EnumerateArray().Single();
        Assert.Equal(("objective", 49.0, 45.0, -4.0, "regressed", "maximize"), (
            objective.GetProperty("name").GetString(), objective.GetProperty("base").GetDouble(), objective.GetProperty("head").GetDouble(),
            objective.GetProperty("delta").GetDouble(), objective.GetProperty("verdict").GetString(), objective.GetProperty("goal").GetString()));
        Assert.Equal("broke", changes.Single(c => c.GetProperty("key").GetString() == "id-Parse").GetProperty("outcome").GetString());
    }

    [Fact]
    public void Markdown_PrintsATableForAPullRequestComment()
    {
        var result = temp.Ommx("diff", Base, Head, "--markdown");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"### OMMX diff: `{Base}` → `{Head}`", result.Stdout);
        Assert.Contains("| change | test | value | base | head |", result.Stdout);
        Assert.Contains("| broke | Suite.Parse | test.outcome | passed | failed |", result.Stdout);
    }

    [Theory]
    [InlineData("objective", "expected name:maximize or name:minimize")]
    [InlineData("objective:max", "expected name:maximize or name:minimize")]
    [InlineData("objective:Maximize:-2", "tolerance '-2' is not a non-negative number")]
    [InlineData("objective:maximize:-2", "tolerance '-2' is not a non-negative number")]
    public void BadMetric_IsAUsageErrorNamingTheForm(string metric, string message)
    {
        var result = temp.Ommx("diff", Base, Head, "--metric", metric);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }

    [Fact]
    public void MissingImage_FailsWithOneLineNamingIt()
    {
        var result = temp.Ommx("diff", Base, "missing.ommx.local/nothing:here");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing.ommx.local/nothing:here", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    public void Dispose() => temp.Dispose();

    private static void Record(Registry.LocalRegistry registry, string image, (string Test, string Outcome, double Objective)[] cases)
    {
        using var experiment = Experiment.Create(registry, image);
        experiment.DurableRuns = false;
        foreach (var (test, outcome, objective) in cases)
        {
            experiment.Run(run =>
            {
                run.LogParameter("test.id", "id-" + test);
                run.LogParameter("test.display_name", "Suite." + test);
                run.LogParameter("test.outcome", outcome);
                run.LogParameter("objective", objective);
            });
        }

        experiment.Commit();
    }
}
