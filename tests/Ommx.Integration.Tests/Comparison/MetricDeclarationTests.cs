using Ommx.Integration.Comparison;

namespace Ommx.Integration.Tests.Comparison;

public sealed class MetricDeclarationTests
{
    [Theory]
    [InlineData("maximize", MetricGoal.Maximize, 0, 0)]
    [InlineData("Minimize;1e-6", MetricGoal.Minimize, 1e-6, 0)]
    [InlineData("minimize::0.5", MetricGoal.Minimize, 0, 0.5)]
    [InlineData("maximize;2;0.25", MetricGoal.Maximize, 2, 0.25)]
    public void TryParse_GoalAndTolerances_GivesTheDeclaration(string settings, MetricGoal goal, double tolerance, double relative)
    {
        Assert.True(MetricDeclaration.TryParse("objective", settings, out var metric, out _));
        Assert.Equal(new MetricDeclaration("objective", goal, tolerance, relative), metric);
    }

    [Theory]
    [InlineData("up", "goal 'up' is neither maximize nor minimize")]
    [InlineData("max", "goal 'max' is neither maximize nor minimize")]
    [InlineData("higher", "goal 'higher' is neither maximize nor minimize")]
    [InlineData("maximize;-1", "tolerance '-1' is not a non-negative number")]
    [InlineData("maximize;NaN", "tolerance 'NaN' is not a non-negative number")]
    [InlineData("maximize;1;2;3", "'maximize;1;2;3' has more than goal, tolerance and relative tolerance")]
    public void TryParse_InvalidSettings_NamesTheProblem(string settings, string problem)
    {
        Assert.False(MetricDeclaration.TryParse("objective", settings, out _, out var actual));
        Assert.Equal(problem, actual);
    }

    [Fact]
    public void Annotation_FormatThenRead_RoundTripsEveryDeclaration()
    {
        MetricDeclaration[] metrics = [new("objective", MetricGoal.Maximize, 1e-6), new("test.duration_seconds", MetricGoal.Minimize, RelativeTolerance: 0.5)];

        var read = MetricAnnotation.Read(new Dictionary<string, string> { [MetricAnnotation.Key] = MetricAnnotation.Format(metrics) });

        Assert.Equal(metrics, read);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""[{"name":"x","goal":"sideways"}, 3, {"goal":"maximize"}]""")]
    public void Annotation_Unreadable_GivesNoDeclarationsInsteadOfThrowing(string text)
    {
        Assert.Empty(MetricAnnotation.Read(new Dictionary<string, string> { [MetricAnnotation.Key] = text }));
    }
}
