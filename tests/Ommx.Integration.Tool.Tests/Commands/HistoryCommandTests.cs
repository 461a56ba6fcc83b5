using Ommx.Integration.Experiments;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

/// <summary><c>ommx history</c> through the real tool: experiments oldest first, the cases worth showing, JSON.</summary>
public sealed class HistoryCommandTests : IDisposable
{
    private const string Repository = "example.com/cli/history";
    private readonly TempRegistryRoot temp = new();

    public HistoryCommandTests() => temp.With(registry =>
    {
        string[] broken = ["passed", "passed", "failed", "failed"];
        for (var i = 0; i < broken.Length; i++)
        {
            using var experiment = Experiment.Create(registry, $"{Repository}:run-{i}");
            experiment.DurableRuns = false;
            experiment.SetAnnotation("org.opencontainers.image.created", $"2026-12-0{i + 1}T00:00:00Z");
            experiment.SetAnnotation("org.opencontainers.image.revision", $"abc{i}");
            foreach (var (id, outcome) in new[] { ("Stable", "passed"), ("Broken", broken[i]) })
            {
                experiment.Run(run =>
                {
                    run.LogParameter("test.id", id);
                    run.LogParameter("test.display_name", "Suite." + id);
                    run.LogParameter("test.outcome", outcome);
                });
            }

            if (broken[i] == "failed")
            {
                experiment.CommitFailedCheckpoint("tests failed");
            }
            else
            {
                experiment.Commit();
            }
        }
    });

    [Fact]
    public void Text_ListsExperimentsOldestFirstAndOnlyTheCaseThatBroke()
    {
        var result = temp.Ommx("history", Repository);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("2 test case(s): 1 failing now, 0 flaky; showing 1", result.Stdout);
        Assert.Matches(@"Suite\.Broken\s+PPFF\s+#2 abc2", result.Stdout);
        Assert.DoesNotContain("Suite.Stable", result.Stdout);
        var runs = result.Lines.Where(l => l.Contains($"{Repository}:run-", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, runs.Count);
        Assert.Contains("failed", runs[3]);
    }

    [Fact]
    public void Json_All_GivesEveryCaseWithOutcomesAndFailingSince()
    {
        var json = temp.Ommx("history", Repository, "--all", "--json").Json();

        Assert.Equal(4, json.GetProperty("experiments").GetArrayLength());
        var cases = json.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!);
        Assert.Equal(["passed", "passed", "failed", "failed"], cases["Broken"].GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(2, cases["Broken"].GetProperty("failing_since").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cases["Stable"].GetProperty("failing_since").ValueKind);
    }

    [Fact]
    public void UnknownRepository_FailsWithOneLineNamingIt()
    {
        var result = temp.Ommx("history", "example.com/cli/nothing");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No Experiments of repository example.com/cli/nothing", result.Stderr);
    }

    public void Dispose() => temp.Dispose();
}
