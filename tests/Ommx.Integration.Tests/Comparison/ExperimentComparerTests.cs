using Ommx.Integration.Comparison;
using Ommx.Integration.Experiments;
using Ommx.Integration.Tests.Adapters;

namespace Ommx.Integration.Tests.Comparison;

public sealed class ExperimentComparerTests : IDisposable
{
    private const string Base = "example.com/cmp/suite:base";
    private const string Head = "example.com/cmp/suite:head";
    private readonly TempRegistry temp = new();

    /// <summary>One recorded test case, as the xunit framework records it.</summary>
    private sealed record Case(string Id, string Outcome, double? Objective = null, string? Argument = null, double? Capacity = null);

    [Fact]
    public void Compare_SameCasesRecordedInAnotherOrder_MatchesEveryCaseByTestIdAndReportsNothingChanged()
    {
        var cases = Enumerable.Range(0, 30).Select(i => new Case($"id-{i:D2}", "passed", Objective: i)).ToList();
        Record(Base, cases);
        Record(Head, cases.AsEnumerable().Reverse());

        var report = Compare();

        Assert.Equal(30, report.Cases.Count);
        Assert.Equal(30, report.Summary.Unchanged);
        Assert.Empty(report.Changes);
        Assert.False(report.HasRegression);
    }

    [Fact]
    public void Compare_OutcomesMoved_ClassifiesBrokeFixedStillFailingNewAndRemoved()
    {
        Record(Base, [new("a", "passed"), new("b", "failed"), new("c", "failed"), new("d", "passed"), new("gone", "passed"), new("s", "skipped")]);
        Record(Head, [new("a", "failed"), new("b", "passed"), new("c", "interrupted"), new("d", "passed"), new("added", "passed"), new("s", "interrupted")]);

        var report = Compare();

        var byKey = report.Cases.ToDictionary(c => c.Key, c => c.Outcome);
        Assert.Equal(OutcomeChange.Broke, byKey["a"]);
        Assert.Equal(OutcomeChange.Fixed, byKey["b"]);
        Assert.Equal(OutcomeChange.StillFailing, byKey["c"]);
        Assert.Equal(OutcomeChange.Same, byKey["d"]);
        Assert.Equal(OutcomeChange.Removed, byKey["gone"]);
        Assert.Equal(OutcomeChange.New, byKey["added"]);
        Assert.Equal(OutcomeChange.Broke, byKey["s"]);
        Assert.Equal(new ComparisonSummary(Broke: 2, Fixed: 1, StillFailing: 1, New: 1, Removed: 1, Regressed: 0, Improved: 0, Unchanged: 1), report.Summary);
        Assert.True(report.HasRegression);
    }

    [Theory]
    [InlineData(100.0, 99.0, nameof(MetricGoal.Maximize), nameof(MetricVerdict.Regressed))]
    [InlineData(100.0, 101.0, nameof(MetricGoal.Maximize), nameof(MetricVerdict.Improved))]
    [InlineData(100.0, 99.0, nameof(MetricGoal.Minimize), nameof(MetricVerdict.Improved))]
    [InlineData(100.0, 100.0000001, nameof(MetricGoal.Minimize), nameof(MetricVerdict.Unchanged))]
    [InlineData(100.0, double.NaN, nameof(MetricGoal.Maximize), nameof(MetricVerdict.Regressed))]
    public void Compare_DeclaredMetric_JudgesTheChangeByGoalAndTolerance(double before, double after, string goalName, string expectedName)
    {
        // Names, not the enums: the Comparison types are internal and a public test method cannot take them.
        var goal = Enum.Parse<MetricGoal>(goalName);
        var expected = Enum.Parse<MetricVerdict>(expectedName);
        Record(Base, [new("t", "passed", before)]);
        Record(Head, [new("t", "passed", after)]);

        var report = Compare(new MetricDeclaration("objective", goal, Tolerance: 1e-6));

        var metric = Assert.Single(Assert.Single(report.Cases).Metrics);
        Assert.Equal(("objective", before, after, expected), (metric.Name, metric.Base, metric.Head, metric.Verdict));
        Assert.Equal(expected == MetricVerdict.Regressed ? 1 : 0, report.Summary.Regressed);
        Assert.Equal(expected == MetricVerdict.Regressed, report.HasRegression);
    }

    [Fact]
    public void Compare_RelativeTolerance_ScalesWithTheBaseValue()
    {
        Record(Base, [new("small", "passed", 1.0), new("large", "passed", 1000.0)]);
        Record(Head, [new("small", "passed", 1.4), new("large", "passed", 1400.0)]);

        var report = Compare(new MetricDeclaration("objective", MetricGoal.Minimize, RelativeTolerance: 0.5));

        Assert.All(report.Cases, c => Assert.Equal(MetricVerdict.Unchanged, Assert.Single(c.Metrics).Verdict));
    }

    [Fact]
    public void Compare_UndeclaredNumericParameter_IsChangedButNeverARegression()
    {
        Record(Base, [new("t", "passed", 5)]);
        Record(Head, [new("t", "passed", 4)]);

        var report = Compare();

        Assert.Equal(MetricVerdict.Changed, Assert.Single(Assert.Single(report.Cases).Metrics).Verdict);
        Assert.False(report.HasRegression);
        Assert.Single(report.Changes);
    }

    [Fact]
    public void Compare_MetricsRecordedInTheHeadAnnotation_AreAppliedWithoutOptions_AndOptionsOverrideThem()
    {
        Record(Base, [new("t", "passed", 10)]);
        Record(Head, [new("t", "passed", 8)], experiment =>
            experiment.SetAnnotation(MetricAnnotation.Key, MetricAnnotation.Format([new MetricDeclaration("objective", MetricGoal.Maximize)])));

        Assert.Equal(1, Compare().Summary.Regressed);
        Assert.Equal(1, Compare(new MetricDeclaration("objective", MetricGoal.Minimize)).Summary.Improved);
    }

    [Fact]
    public void Compare_DurationSeconds_IsComparedOnlyWhenDeclared()
    {
        Record(Base, [new("t", "passed")]);
        Record(Head, [new("t", "passed")]);

        Assert.DoesNotContain(Compare().Cases.Single().Metrics, m => m.Name == "test.duration_seconds");
        Assert.Contains(
            Compare(new MetricDeclaration("test.duration_seconds", MetricGoal.Minimize, RelativeTolerance: 0.5)).Cases.Single().Metrics,
            m => m.Name == "test.duration_seconds");
    }

    [Fact]
    public void Compare_RenamedTheoryArgument_StillMatchesByTestId()
    {
        Record(Base, [new("row", "passed", 3, Argument: "capacity")]);
        Record(Head, [new("row", "passed", 3, Argument: "limit")]);

        var compared = Assert.Single(Compare().Cases);

        Assert.Equal(OutcomeChange.Same, compared.Outcome);
        Assert.True(compared.Unchanged);
    }

    [Fact]
    public void Compare_TestCaseRecordedTwiceInOneExperiment_IsReportedAndComparedPerOccurrenceNotMerged()
    {
        Record(Base, [new("twice", "passed", 1), new("twice", "passed", 2)]);
        Record(Head, [new("twice", "passed", 1), new("twice", "failed", 2)]);

        var report = Compare();

        Assert.Equal(["twice"], report.DuplicateKeys);
        Assert.Equal(["twice", "twice#2"], report.Cases.Select(c => c.Key));
        Assert.Equal(OutcomeChange.Broke, report.Cases[1].Outcome);
        Assert.Equal(OutcomeChange.Same, report.Cases[0].Outcome);
    }

    [Fact]
    public void Compare_RunsThatAreNotTestCases_MatchByTheirNonFloatParameters()
    {
        Record(Base, [new("", "", 7, Capacity: 47), new("", "", 9, Capacity: 56)], seedFromCapacity: true);
        Record(Head, [new("", "", 9, Capacity: 56), new("", "", 6, Capacity: 47)], seedFromCapacity: true);

        var report = Compare(new MetricDeclaration("objective", MetricGoal.Maximize));

        Assert.Equal(["seed=47", "seed=56"], report.Cases.Select(c => c.Key));
        Assert.Equal([MetricVerdict.Regressed, MetricVerdict.Unchanged], report.Cases.Select(c => c.Metrics.Single(m => m.Name == "objective").Verdict));
    }

    [Fact]
    public void Compare_SolveWithLowerObjectiveInAMaximization_IsARegressionJudgedByTheSolutionsSense()
    {
        RecordSolve(Base, capacity: 56);
        RecordSolve(Head, capacity: 47);

        var compared = Assert.Single(Compare().Cases);

        var objective = compared.Metrics.Single(m => m.Name == "solve[0].objective");
        Assert.Equal((49.0, 41.0, MetricVerdict.Regressed, MetricGoal.Maximize), (objective.Base, objective.Head, objective.Verdict, objective.Goal));
        Assert.Equal(MetricVerdict.Unchanged, compared.Metrics.Single(m => m.Name == "solve[0].feasible").Verdict);
    }

    public void Dispose() => temp.Dispose();

    private ComparisonReport Compare(params MetricDeclaration[] metrics) =>
        ExperimentComparer.Compare(
            Experiment.Load(temp.Registry, Base),
            Experiment.Load(temp.Registry, Head),
            new ComparisonOptions { Metrics = metrics });

    private void Record(string image, IEnumerable<Case> cases, Action<Experiment>? annotate = null, bool seedFromCapacity = false)
    {
        using var experiment = Experiment.Create(temp.Registry, image);
        annotate?.Invoke(experiment);
        foreach (var test in cases)
        {
            using var run = experiment.Run();
            if (test.Id.Length > 0)
            {
                run.LogParameter("test.id", test.Id);
                run.LogParameter("test.display_name", "Suite.Test" + test.Id);
                run.LogParameter("test.outcome", test.Outcome);
                run.LogParameter("test.duration_seconds", Random.Shared.NextDouble());
            }

            if (test.Objective is { } objective)
            {
                run.LogParameter("objective", objective);
            }

            if (test.Argument is { } argument)
            {
                run.LogParameter(argument, 12L);
            }

            if (seedFromCapacity && test.Capacity is { } capacity)
            {
                run.LogParameter("seed", (long)capacity);
            }
        }

        experiment.Commit();
    }

    private void RecordSolve(string image, double capacity)
    {
        using var experiment = Experiment.Create(temp.Registry, image);
        experiment.Run(run =>
        {
            run.LogParameter("test.id", "knapsack");
            run.LogParameter("test.outcome", "passed");
            run.LogSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(capacity));
        });
        experiment.Commit();
    }
}
