using Microsoft.Build.Framework;
using Ommx.Integration.FollowUp;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.MSBuild;

/// <summary>
/// Runs after the tests, whatever happened to them: commits the Experiment, or publishes a failed or
/// interrupted checkpoint, and prints one <c>OMMX:</c> line saying which.
/// </summary>
public sealed partial class OmmxFinishTestRun : OmmxTask
{
    [Required]
    public string SessionId { get; set; } = string.Empty;

    /// <summary>What the test step returned (<c>MSBuildLastTaskResult</c>): false for failed tests and for a crashed host.</summary>
    public bool TestsSucceeded { get; set; }

    /// <summary>Push the committed Experiment to its registry (credentials from the environment or the Docker config).</summary>
    public bool PushAfterCommit { get; set; }

    /// <summary>Allow plain HTTP to a registry that is not on loopback.</summary>
    public bool PushInsecure { get; set; }

    [Output]
    public string? Outcome { get; private set; }

    [Output]
    public string? ImageName { get; private set; }

    [Output]
    public string? ManifestDigest { get; private set; }

    private protected override string ErrorCode => ErrorCodes.FinishFailed;

    /// <summary>
    /// A high-importance message the classic console logger prints, tagged the way the test platform tags
    /// test output (<c>TLTESTOUTPUT</c>) so that the terminal logger, which hides ordinary build messages,
    /// prints it too. A logger that does not know the tag sees a plain high-importance message.
    /// </summary>
    private void Announce(string line) =>
        BuildEngine.LogMessageEvent(new ExtendedBuildMessageEventArgs("TLTESTOUTPUT", line, helpKeyword: null, senderName: nameof(OmmxFinishTestRun), MessageImportance.High));

    private protected override bool Run()
    {
        using var registry = LocalRegistry.Open(Root);
        TestRunOutcome outcome;
        try
        {
            outcome = new TestRunSessions(registry).Finish(SessionId, TestsSucceeded);
        }
        catch (OmmxException e)
        {
            LogError(ErrorCodes.FinishFailed, $"{e.Message}. The recorded Runs stay in the journal; the next dotnet test or OmmxGc turns them into an interrupted checkpoint.");
            return false;
        }

        Outcome = outcome.Kind.ToString();
        ImageName = outcome.ImageName;
        ManifestDigest = outcome.ManifestDigest;
        if (outcome.Kind != TestRunOutcomeKind.NothingRecorded)
        {
            // Which way the Experiment was settled, for `-v:d` and anyone measuring: both publish the same manifest.
            Log.LogMessage(MessageImportance.Low, outcome.FromPreparedArtifact
                ? $"OMMX: published {outcome.ManifestDigest}, the artifact the test host prepared at its end (the journal was not replayed)"
                : $"OMMX: rebuilt {outcome.ManifestDigest} from the test host's journal (nothing prepared, or it did not match)");
        }

        // Results that are not a commit are warnings: the terminal logger shows those (it hides build messages).
        switch (outcome.Kind)
        {
            case TestRunOutcomeKind.FailedCheckpoint:
                LogWarning(ErrorCodes.FailedCheckpoint, outcome.Headline);
                break;
            case TestRunOutcomeKind.InterruptedCheckpoint:
                LogWarning(ErrorCodes.InterruptedCheckpoint, outcome.Headline);
                break;
            case TestRunOutcomeKind.NothingRecorded when !TestsSucceeded:
                LogWarning(ErrorCodes.NothingRecorded, outcome.Headline);
                break;
            default:
                Announce(outcome.Headline);
                break;
        }

        foreach (var hint in outcome.Hints)
        {
            Announce(hint);
        }

        var followUp = TestRunFollowUp.Run(registry, outcome, new TestRunFollowUpSettings
        {
            Baseline = Baseline,
            BaselineInsecure = BaselineInsecure,
            FailOnRegression = FailOnRegression,
            SummaryFile = SummaryFile,
            Report = ReportEnabled,
            ReportFile = ReportPath,
            PushAfterCommit = PushAfterCommit,
            PushInsecure = PushInsecure,
        });
        ReportWritten = followUp.ReportWritten;
        foreach (var line in followUp.Lines)
        {
            if (line.Event == TestRunFollowUpEvent.Information)
            {
                Announce(line.Text);
            }
            else if (line.IsError)
            {
                LogError(Code(line.Event, error: true), line.Text);
            }
            else
            {
                LogWarning(Code(line.Event, error: false), line.Text);
            }
        }

        if (followUp.Lines.Any(l => l.Event == TestRunFollowUpEvent.PushFailed))
        {
            return false;
        }

        if (outcome.RecordingErrors > 0)
        {
            LogWarning(ErrorCodes.RecordingErrors, $"{outcome.RecordingErrors} recording error(s) in the test host; see its diagnostic messages (xunit.runner.json diagnosticMessages: true)");
        }

        return true;
    }

    /// <summary>The <c>OMMX</c> code of a follow-up line (a regression is <c>OMMX1062</c> when it fails the run, else <c>OMMX1061</c>).</summary>
    private static string Code(TestRunFollowUpEvent followUp, bool error) => followUp switch
    {
        TestRunFollowUpEvent.BaselineNotCompared => ErrorCodes.BaselineNotCompared,
        TestRunFollowUpEvent.BaselineUnavailable => ErrorCodes.BaselineUnavailable,
        TestRunFollowUpEvent.Regression => error ? ErrorCodes.RegressionFailed : ErrorCodes.Regression,
        TestRunFollowUpEvent.SummaryNotWritten => ErrorCodes.SummaryNotWritten,
        TestRunFollowUpEvent.ReportNotWritten => ErrorCodes.ReportNotWritten,
        TestRunFollowUpEvent.PushFailed => ErrorCodes.PushFailed,
        _ => ErrorCodes.FinishFailed,
    };
}
