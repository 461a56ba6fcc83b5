using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Xunit.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.Xunit.Tests;

/// <summary>
/// Suites shaped like real ones, each run by real <c>dotnet test</c> with and without the package and compared:
/// exit code, TRX counters, per-test outcomes, one Run per TRX result, and the Experiment or failed checkpoint.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class RealShapedSuiteTests(ITestOutputHelper output)
{
    /// <summary>Theories sharing parameter names with other types, object/enum/char/null/NaN arguments, rows xunit cannot pre-enumerate, failures.</summary>
    private const string MixedSuite = """
        namespace Scratch;

        public enum Color { Red, Green }

        public sealed class First
        {
            [Theory]
            [InlineData(1)]
            [InlineData(2)]
            public void Value(int value) => Assert.True(value > 0);

            [Theory]
            [InlineData(0)]
            public void EnumValue(int enumValue) => Assert.Equal(0, enumValue);

            [Theory]
            [InlineData(1)]
            [InlineData('c')]
            [InlineData("s")]
            [InlineData(true)]
            [InlineData(null)]
            [InlineData(double.NaN)]
            public void Anything(object? value) => Assert.True(value is null or int or char or string or bool or double);

            [Fact]
            public void Fails() => throw new InvalidOperationException("fails on purpose");

            [Fact]
            public void Cancelled() => throw new OperationCanceledException("cancelled on purpose");

            [Fact]
            public void LogsConflicting()
            {
        #if OMMX
                Ommx.Integration.Xunit.OmmxRun.Current.LogParameter("value", "a string where the column is a number");
        #endif
            }
        }

        public sealed class Second
        {
            [Theory]
            [InlineData("a")]
            public void Value(string value) => Assert.Equal("a", value);

            [Theory]
            [InlineData(Color.Green)]
            public void EnumValue(Color enumValue) => Assert.Equal(Color.Green, enumValue);

            [Theory]
            [InlineData('x')]
            public void Letter(char value) => Assert.Equal('x', value);

            public static IEnumerable<object[]> Payloads() => new[] { new object[] { new Payload(1) }, new object[] { new Payload(2) } };

            public static IEnumerable<object[]> Clock() => new[] { new object[] { DateTime.Now }, new object[] { Guid.NewGuid() } };

            [Theory]
            [MemberData(nameof(Payloads))]
            public void Custom(Payload payload) => Assert.True(payload.Size > 0);

            [Theory]
            [MemberData(nameof(Clock))]
            public void Stamp(object stamp) => Assert.NotNull(stamp);
        }

        public sealed class Payload
        {
            public Payload(int size) => Size = size;

            public int Size { get; }

            public override string ToString() => "Payload " + Size;
        }
        """;

    /// <summary>All passing; with <c>preEnumerateTheories: false</c> every theory's rows share one test case.</summary>
    private const string RowsSuite = """
        namespace Scratch;

        public sealed class Rows
        {
            [Theory]
            [InlineData(1, "a")]
            [InlineData(2, "b")]
            [InlineData(3, "c")]
            public void Plain(int number, string letter) => Assert.Equal(number, letter[0] - 'a' + 1);

            public static IEnumerable<object[]> Sizes() => new[] { new object[] { 10L }, new object[] { 20L } };

            [Theory]
            [MemberData(nameof(Sizes))]
            public void Member(long size) => Assert.True(size > 0);

            [Fact]
            public void Passes()
            {
            }
        }
        """;

    private const string Strict = "<TreatWarningsAsErrors>true</TreatWarningsAsErrors><LangVersion>latest</LangVersion>";

    [Fact]
    public void Xunit242_MixedTypesUnenumerableRowsAndFailures_SameRunAsWithoutThePackageAndAFailedCheckpoint()
    {
        var (runs, experiment) = Compare("Mixed", new Dictionary<string, string> { ["Tests.cs"] = MixedSuite }, "2.4.2", expectedExit: 1);

        Assert.Equal(ExperimentStatus.Failed, experiment.Status);
        Assert.StartsWith("2 test(s) failed: ", experiment.LifecycleReason, StringComparison.Ordinal);
        Assert.Equal(runs.Count, runs.Select(r => r.Parameters["test.id"].AsString()).Distinct().Count());
        Assert.Equal(["Payload 1", "Payload 2"], runs.Where(r => r.Parameters["test.method"].AsString() == "Custom").Select(r => r.Parameters["payload"].AsString()).Order(StringComparer.Ordinal));
        Assert.Equal("a", runs.Single(r => r.Parameters["test.class"].AsString() == "Scratch.Second" && r.Parameters["test.method"].AsString() == "Value").Parameters["value:text"].AsString());
        Assert.Equal("failed", runs.Single(r => r.Parameters["test.method"].AsString() == "Cancelled").Parameters["test.outcome"].AsString());
        // `value` is one number column: the ints of First.Value and the NaN given to the object parameter (float64 once stored).
        Assert.Equal([1.0, 2.0], runs.Where(r => r.Parameters["test.class"].AsString() == "Scratch.First" && r.Parameters["test.method"].AsString() == "Value").Select(r => r.Parameters["value"].AsDouble()).Order());
        Assert.False(runs.Single(r => r.Parameters["test.method"].AsString() == "LogsConflicting").Parameters.ContainsKey("value"));
    }

    [Fact]
    public void Xunit250_PreEnumerateTheoriesOff_SameRunAsWithoutThePackageAndACommit()
    {
        var sources = new Dictionary<string, string>
        {
            ["Tests.cs"] = RowsSuite,
            ["xunit.runner.json"] = "{\"diagnosticMessages\": true, \"preEnumerateTheories\": false}",
        };

        var (runs, experiment) = Compare("Rows", sources, "2.5.0", expectedExit: 0);

        Assert.Equal(ExperimentStatus.Finished, experiment.Status);
        Assert.Equal(runs.Count, runs.Select(r => r.Parameters["test.id"].AsString()).Distinct().Count());
        Assert.Equal([(1L, "a"), (2L, "b"), (3L, "c")], runs.Where(r => r.Parameters["test.method"].AsString() == "Plain").Select(r => (r.Parameters["number"].AsInt64(), r.Parameters["letter"].AsString())).Order());
    }

    /// <summary>Runs the suite without and with the package, asserts they agree, and returns the Runs and the stored Experiment.</summary>
    private (List<RunView> Runs, Experiment Experiment) Compare(string name, Dictionary<string, string> sources, string xunitVersion, int expectedExit)
    {
        using var baseline = new ScratchProject(name, sources, Strict, xunitVersion, withOmmx: false);
        var (baselineExit, baselineText) = baseline.Test("--logger", "trx", "--results-directory", Path.Combine(baseline.Directory, "trx"));
        output.WriteLine(baselineText);
        using var recorded = new ScratchProject(name, sources, Strict + "<OmmxExperimentName>example.com/scratch/" + name.ToLowerInvariant() + ":v1</OmmxExperimentName>", xunitVersion);
        var (exit, text) = recorded.Test("--logger", "trx", "--results-directory", Path.Combine(recorded.Directory, "trx"));
        output.WriteLine(text);

        Assert.DoesNotContain("NU1608", text, StringComparison.Ordinal);
        Assert.Equal((expectedExit, expectedExit), (baselineExit, exit));
        var without = TrxReport.Load(Path.Combine(baseline.Directory, "trx"));
        var with = TrxReport.Load(Path.Combine(recorded.Directory, "trx"));
        Assert.Equal(without.Counters, with.Counters);
        Assert.Equal(without.OutcomesByMethod, with.OutcomesByMethod);

        var registry = LocalRegistry.Open(recorded.RegistryRoot);
        var imageName = "example.com/scratch/" + name.ToLowerInvariant() + ":v1";
        var experiment = registry.Resolve(Oci.ImageReference.Parse(imageName)) is not null
            ? Experiment.Load(registry, imageName)
            : Experiment.Load(registry, Assert.Single(ExperimentCatalog.ListCheckpoints(registry).Checkpoints).ImageName);
        var runs = experiment.Runs.ToList();
        var trxOutcome = new Dictionary<string, string> { ["passed"] = "Passed", ["failed"] = "Failed", ["skipped"] = "NotExecuted" };
        Assert.Equal(
            with.Results.Select(r => $"{r.TestName} => {r.Outcome}").Order(StringComparer.Ordinal),
            runs.Select(r => $"{r.Parameters["test.display_name"].AsString()} => {trxOutcome[r.Parameters["test.outcome"].AsString()]}").Order(StringComparer.Ordinal));
        return (runs, experiment);
    }
}
