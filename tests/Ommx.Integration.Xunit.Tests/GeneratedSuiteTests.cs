using System.Text.RegularExpressions;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Xunit.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.Xunit.Tests;

/// <summary>
/// Issue 13 acceptance (d): a generated suite of more than 1,000 test cases shaped like real ones, run by real
/// <c>dotnet test</c> without and with the package. Recording must change nothing that <c>dotnet test</c> reports and
/// must leave exactly one committed Experiment with one Run per TRX result.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class GeneratedSuiteTests(ITestOutputHelper output)
{
    private const int Classes = 21;

    [Fact]
    public void DotnetTest_ThousandCaseSuiteWithConflictingArgumentTypes_SameAsWithoutThePackageAndOneRunPerResult()
    {
        var sources = new Dictionary<string, string> { ["Tests.cs"] = GeneratedSuite.Source(Classes) };
        using var baseline = new ScratchProject("Generated", sources, withOmmx: false);
        var baselineTrx = Path.Combine(baseline.Directory, "trx");
        var (baselineExit, baselineText) = baseline.Test("--logger", "trx", "--results-directory", baselineTrx);
        output.WriteLine(Tail(baselineText));
        using var recorded = new ScratchProject("Generated", sources);
        var recordedTrx = Path.Combine(recorded.Directory, "trx");
        var (exit, text) = recorded.Test("--logger", "trx", "--results-directory", recordedTrx);
        output.WriteLine(Tail(text));

        var without = TrxReport.Load(baselineTrx);
        var with = TrxReport.Load(recordedTrx);
        Assert.Equal(Classes * GeneratedSuite.ResultsPerClass, without.Results.Count);
        Assert.True(without.Results.Count >= 1000, $"{without.Results.Count} test results");

        // dotnet test reports the same with the package as without it.
        Assert.Equal((0, 0), (baselineExit, exit));
        Assert.Equal(without.Counters, with.Counters);
        Assert.Equal(OutcomeMultiset(without), OutcomeMultiset(with));
        Assert.DoesNotMatch(OmmxErrorOrWarning(), text);

        // Exactly one committed Experiment, no checkpoint, one Run per TRX result with the same name and outcome.
        using var registry = LocalRegistry.Open(recorded.RegistryRoot);
        Assert.Empty(ExperimentCatalog.ListCheckpoints(registry).Checkpoints);
        // One Experiment, listed under its own name and under the :latest alias that moved to it.
        var listed = ExperimentCatalog.List(registry).Experiments;
        Assert.Single(listed.Select(e => e.ManifestDigest).Distinct());
        Assert.Contains(listed, e => e.ImageName.EndsWith(":latest", StringComparison.Ordinal));
        var record = listed.Single(e => !e.ImageName.EndsWith(":latest", StringComparison.Ordinal));
        Assert.Equal((ExperimentStatus.Finished, with.Results.Count), (record.Status, record.RunCount));
        var runs = Experiment.Load(registry, record.ImageName).Runs;
        var trxOutcome = new Dictionary<string, string> { ["passed"] = "Passed", ["failed"] = "Failed", ["skipped"] = "NotExecuted" };
        Assert.Equal(
            with.Results.Select(r => $"{r.TestName} => {r.Outcome}").Order(StringComparer.Ordinal),
            runs.Select(r => $"{r.Parameters["test.display_name"].AsString()} => {trxOutcome[r.Parameters["test.outcome"].AsString()]}").Order(StringComparer.Ordinal));
        Assert.Equal(runs.Count, runs.Select(r => r.Parameters["test.id"].AsString()).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>(display name, outcome) per result; the rows of methods fed clock or random values compared by method only.</summary>
    private static List<string> OutcomeMultiset(TrxReport report) => report.Results
        .Select(r => GeneratedSuite.VolatileMethods.Any(m => TrxReport.MethodOf(r.TestName).EndsWith("." + m, StringComparison.Ordinal))
            ? $"{TrxReport.MethodOf(r.TestName)}(…) => {r.Outcome}"
            : $"{r.TestName} => {r.Outcome}")
        .Order(StringComparer.Ordinal)
        .ToList();

    private static string Tail(string text) => text.Length <= 20_000 ? text : "…" + text[^20_000..];

    [GeneratedRegex(@"(error|warning) OMMX\d+")]
    private static partial Regex OmmxErrorOrWarning();
}
