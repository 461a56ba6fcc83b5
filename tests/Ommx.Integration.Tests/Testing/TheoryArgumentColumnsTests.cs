using Ommx.Integration.Experiments;
using Ommx.Integration.Testing;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Testing;

/// <summary>The column rule for theory arguments, and a session that records arguments of clashing types.</summary>
public sealed class TheoryArgumentColumnsTests : IDisposable
{
    private enum Shade
    {
        Dark,
    }

    private readonly TempRegistry temp = new();

    [Theory]
    [InlineData(3, "value")]
    [InlineData(2.5, "value")]
    [InlineData("x", "value:text")]
    [InlineData('c', "value:text")]
    [InlineData(true, "value:bool")]
    public void Column_NameDeclaredIntAndString_NumbersTakeThePlainName(object argument, string expectedKey)
    {
        var columns = new TheoryArgumentColumns([new("value", typeof(string)), new("value", typeof(int)), new("value", typeof(object))]);

        Assert.Equal(expectedKey, columns.Column("value", argument)!.Value.Key);
    }

    [Fact]
    public void Column_OnlyObjectDeclared_TextTakesThePlainName()
    {
        var columns = new TheoryArgumentColumns([new("value", typeof(object))]);

        Assert.Equal("value", columns.Column("value", "s")!.Value.Key);
        Assert.Equal("value:number", columns.Column("value", 1)!.Value.Key);
        Assert.Null(columns.Column("value", null));
    }

    [Fact]
    public void Column_DeclarationOrder_DoesNotMatter()
    {
        var forward = new TheoryArgumentColumns([new("flag", typeof(string)), new("flag", typeof(bool?))]);
        var backward = new TheoryArgumentColumns([new("flag", typeof(bool?)), new("flag", typeof(string))]);

        Assert.Equal(forward.Column("flag", true), backward.Column("flag", true));
        Assert.Equal("flag", forward.Column("flag", true)!.Value.Key);
        Assert.Equal("flag:text", backward.Column("flag", "yes")!.Value.Key);
    }

    [Fact]
    public void ToValue_OtherObjects_InvariantText()
    {
        Assert.Equal("Dark", TheoryArgumentColumns.ToValue(Shade.Dark)!.Value.AsString());
        Assert.Equal("2026-12-07T10:00:00.0000000Z", TheoryArgumentColumns.ToValue(new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc))!.Value.AsString());
        Assert.Equal("[1, 2, null]", TheoryArgumentColumns.ToValue(new int?[] { 1, 2, null })!.Value.AsString());
        Assert.True(double.IsNaN(TheoryArgumentColumns.ToValue(double.NaN)!.Value.AsDouble()));
        Assert.Equal("18446744073709551615", TheoryArgumentColumns.ToValue(ulong.MaxValue)!.Value.AsString());
    }

    [Fact]
    public void Session_ArgumentsOfClashingTypesAndTestCodeTakingTheName_CommitsWithEveryValue()
    {
        var errors = new List<string>();
        var settings = new TestSessionSettings
        {
            RegistryRoot = temp.Root,
            ExperimentName = "example.com/team/arguments:v1",
            ArgumentColumns = new TheoryArgumentColumns([new("value", typeof(int)), new("value", typeof(string))]),
        };
        using var session = TestSession.Start(settings, errors.Add);

        var first = session.StartTest(new TestCaseInfo("a", "A(value: \"x\")", "C", "A") { Arguments = [new("value", "x")] });
        first.LogParameter("value:text", 5);
        session.FinishTest(first, new TestResult(TestOutcome.Passed, 0, string.Empty));
        var second = session.StartTest(new TestCaseInfo("b", "B(value: \"y\")", "C", "B") { Arguments = [new("value", "y")] });
        session.FinishTest(second, new TestResult(TestOutcome.Passed, 0, string.Empty));
        var third = session.StartTest(new TestCaseInfo("c", "C(value: 3)", "C", "C") { Arguments = [new("value", 3)] });
        session.FinishTest(third, new TestResult(TestOutcome.Passed, 0, string.Empty));
        var summary = session.Complete();

        Assert.Equal(ExperimentStatus.Finished, summary.Status);
        Assert.Equal(1, summary.RecordingErrors);
        Assert.Contains("`value:text`", Assert.Single(errors), StringComparison.Ordinal);
        var runs = Experiment.Load(temp.Registry, "example.com/team/arguments:v1").Runs.ToList();
        Assert.Equal("x", runs[0].Parameters["value:text"].AsString());
        Assert.Equal("y", runs[1].Parameters["value:text"].AsString());
        Assert.Equal(3L, runs[2].Parameters["value"].AsInt64());
    }

    [Fact]
    public void Session_TestCodeLogsADeclaredNameWithAnotherTypeFirst_TheTestCodeValueIsRefused()
    {
        var errors = new List<string>();
        var settings = new TestSessionSettings
        {
            RegistryRoot = temp.Root,
            ExperimentName = "example.com/team/arguments:v2",
            ArgumentColumns = new TheoryArgumentColumns([new("value", typeof(int))]),
        };
        using var session = TestSession.Start(settings, errors.Add);

        var fact = session.StartTest(new TestCaseInfo("f", "F", "C", "F"));
        fact.LogParameter("value", "logged by test code before any theory ran");
        session.FinishTest(fact, new TestResult(TestOutcome.Passed, 0, string.Empty));
        var row = session.StartTest(new TestCaseInfo("r", "R(value: 3)", "C", "R") { Arguments = [new("value", 3)] });
        session.FinishTest(row, new TestResult(TestOutcome.Passed, 0, string.Empty));
        session.Complete();

        Assert.Contains("`value` is a int64 column", Assert.Single(errors), StringComparison.Ordinal);
        var runs = Experiment.Load(temp.Registry, "example.com/team/arguments:v2").Runs.ToList();
        Assert.False(runs[0].Parameters.ContainsKey("value"));
        Assert.Equal(3L, runs[1].Parameters["value"].AsInt64());
    }

    public void Dispose() => temp.Dispose();
}
