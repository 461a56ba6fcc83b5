using System.Globalization;
using Ommx.Integration.Comparison;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Tests.Comparison;

public sealed class ExperimentHistoryTests : IDisposable
{
    private const string Repository = "example.com/team/suite";
    private readonly TempRegistry temp = new();

    [Fact]
    public void Build_TwentyTwoExperiments_FindsThePlantedFlakyCaseAndWhereTheBreakBegan()
    {
        // 22 runs at revisions r00..r20 (r05 recorded twice): "stable" always passes, "flaky" passes at the first r05
        // run and fails at the second, "broken" passes until run 15 and fails from then on (a failed checkpoint).
        for (var i = 0; i < 22; i++)
        {
            var revision = "r" + Math.Min(i, i <= 5 ? i : i - 1).ToString("D2", CultureInfo.InvariantCulture);
            var broken = i >= 15;
            Record(i, revision, failed: broken, cases: [("stable", "passed", 10), ("flaky", i == 6 ? "failed" : "passed", 3), ("broken", broken ? "failed" : "passed", 50 - i)]);
        }

        var entries = ExperimentHistory.Find(temp.Registry, Repository, limit: 30);
        var report = ExperimentHistory.Build(temp.Registry, Repository, entries);

        Assert.Equal(22, report.Experiments.Count);
        Assert.Equal(Enumerable.Range(0, 22).Select(Tag), report.Experiments.Select(e => e.Image.Tag));
        Assert.Equal(ExperimentStatus.Failed, report.Experiments[15].Status);
        var byKey = report.Cases.ToDictionary(c => c.Key);
        Assert.Null(byKey["stable"].Flaky);
        Assert.Null(byKey["stable"].FirstFailure);
        Assert.Equal("passed and failed at revision r05", byKey["flaky"].Flaky);
        Assert.Null(byKey["flaky"].FirstFailure);
        Assert.Equal(15, byKey["broken"].FirstFailure);
        Assert.Equal("r14", report.Experiments[byKey["broken"].FirstFailure!.Value].Revision);
        Assert.Null(byKey["broken"].Flaky);
        Assert.Equal(["broken"], report.FailingCases.Select(c => c.Key));
        Assert.Equal([50.0, 49.0], byKey["broken"].Metrics["objective"].Take(2).Select(v => v!.Value));
    }

    [Fact]
    public void Build_OutcomeAlternatingAcrossRevisions_IsFlaky()
    {
        var outcomes = new[] { "passed", "failed", "passed", "passed" };
        for (var i = 0; i < outcomes.Length; i++)
        {
            Record(i, "rev" + i, failed: outcomes[i] == "failed", cases: [("wobbly", outcomes[i], 1)]);
        }

        var report = ExperimentHistory.Build(temp.Registry, Repository, ExperimentHistory.Find(temp.Registry, Repository));

        Assert.Equal("alternated between passed and failed 2 times", Assert.Single(report.Cases).Flaky);
    }

    [Fact]
    public void Find_AliasOtherRepositoryAndLimit_CountsEachManifestOnceOnlyInTheRepositoryNewestLast()
    {
        for (var i = 0; i < 5; i++)
        {
            Record(i, "r", failed: false, cases: [("t", "passed", 1)]);
        }

        var latest = temp.Registry.Resolve(ImageReference.Parse($"{Repository}:{Tag(4)}"))!.Value;
        temp.Registry.Publish(ImageReference.Parse($"{Repository}:latest"), latest);
        using (var other = Experiment.Create(temp.Registry, "example.com/team/other:run-99"))
        {
            other.Commit();
        }

        var entries = ExperimentHistory.Find(temp.Registry, Repository, limit: 3);

        Assert.Equal([Tag(2), Tag(3), Tag(4)], entries.Select(e => e.Image.Tag));
        Assert.Equal(entries, ExperimentHistory.Find(temp.Registry, Repository + ":anything", limit: 3));
    }

    public void Dispose() => temp.Dispose();

    private static string Tag(int i) => "run-" + i.ToString("D2", CultureInfo.InvariantCulture);

    private void Record(int index, string revision, bool failed, (string Id, string Outcome, double Objective)[] cases)
    {
        using var experiment = Experiment.Create(temp.Registry, $"{Repository}:{Tag(index)}");
        experiment.DurableRuns = false;
        experiment.SetAnnotation("org.opencontainers.image.created", $"2026-12-01T00:{index:D2}:00Z");
        experiment.SetAnnotation("org.opencontainers.image.revision", revision);
        experiment.SetAnnotation(MetricAnnotation.Key, MetricAnnotation.Format([new MetricDeclaration("objective", MetricGoal.Maximize)]));
        foreach (var (id, outcome, objective) in cases)
        {
            experiment.Run(run =>
            {
                run.LogParameter("test.id", id);
                run.LogParameter("test.display_name", "Suite." + id);
                run.LogParameter("test.outcome", outcome);
                run.LogParameter("objective", objective);
            });
        }

        if (failed)
        {
            experiment.CommitFailedCheckpoint("tests failed");
        }
        else
        {
            experiment.Commit();
        }
    }
}
