using Ommx.Integration.FollowUp;
using Ommx.Integration.Testing;

namespace Ommx.Integration.XunitV3.TestingPlatform;

/// <summary>
/// The follow-up settings the build baked into the test assembly (<c>Ommx.Baseline</c>, <c>Ommx.FailOnRegression</c>,
/// <c>Ommx.SummaryFile</c>, <c>Ommx.Report</c>, <c>Ommx.ReportFile</c>, <c>Ommx.PushAfterCommit</c>, …): the MSBuild
/// properties <c>OmmxFinishTestRun</c> receives, with the same <c>OMMX_*</c> precedence, read back by the test host controller.
/// </summary>
internal static class TestRunFollowUpBaked
{
    /// <param name="baked">The test assembly's <c>Ommx.*</c> metadata.</param>
    /// <param name="resultsDirectory">The platform's test results directory: the report page's default folder, as the VSTest route puts it next to the test results.</param>
    public static TestRunFollowUpSettings Read(IReadOnlyDictionary<string, string> baked, string resultsDirectory)
    {
        string? Get(string key) => BakedTestSettings.Get(baked, key);
        bool Flag(string key) => bool.TryParse(Get(key), out var value) && value;

        return new TestRunFollowUpSettings
        {
            Baseline = Get("Ommx.Baseline"),
            BaselineInsecure = Flag("Ommx.BaselineInsecure"),
            FailOnRegression = Flag("Ommx.FailOnRegression"),
            SummaryFile = Get("Ommx.SummaryFile"),
            Report = Flag("Ommx.Report"),
            ReportFile = Get("Ommx.ReportFile") ?? Path.Combine(resultsDirectory, $"{Get("Ommx.Project") ?? "tests"}-{Get("Ommx.TargetFramework") ?? "app"}.ommx-report.html"),
            PushAfterCommit = Flag("Ommx.PushAfterCommit"),
            PushInsecure = Flag("Ommx.PushInsecure"),
        };
    }
}
