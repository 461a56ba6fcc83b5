using System.Globalization;
using System.Text;
using Ommx.Integration.Comparison;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing.Resume;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.Testing;

/// <summary>
/// Records one test run (one assembly, one target framework) as one Experiment: every test case is a Run
/// opened (and journalled, so a crashing test can be named) when it starts and closed with its outcome,
/// duration, output and failure. Thread-safe; parallel test collections call it concurrently. Test
/// framework adapters translate their events into <see cref="StartTest"/> / <see cref="FinishTest"/> and
/// never let a storage error reach a test: they catch <see cref="OmmxException"/> and report it.
/// </summary>
internal sealed class TestSession : IDisposable
{
    private readonly LocalRegistry registry;
    private readonly Experiment experiment;
    private readonly TestSessionSettings settings;
    private readonly Action<string>? recordingError;
    private readonly Lock gate = new();
    private readonly List<string> failedTests = [];
    private readonly string? forcedAcross;
    private int runs;
    private int recordingErrors;
    private int carried;

    private TestSession(LocalRegistry registry, Experiment experiment, TestSessionSettings settings, Action<string>? recordingError, ResumePlan? resume, string? forcedAcross, int retryFailed)
    {
        RetryFailed = retryFailed;
        this.registry = registry;
        this.experiment = experiment;
        this.settings = settings;
        this.recordingError = recordingError;
        Resume = resume;
        this.forcedAcross = forcedAcross;
        experiment.RecordingErrorHandler = e => ReportRecordingError(e.Message);
    }

    public string ImageName => experiment.ImageName.ToString();

    /// <summary>
    /// The checkpoint this session resumes (<c>null</c>: a run from scratch). An adapter asks it
    /// <see cref="ResumePlan.ShouldRun"/> for each test case, runs only those, and calls <see cref="CarryOver"/> once,
    /// before the first test starts.
    /// </summary>
    public ResumePlan? Resume { get; }

    /// <summary>
    /// How many times an adapter re-runs a failed test case in this run (<c>OmmxRetryFailed</c>; 0: none). Every attempt is a
    /// Run with <c>test.attempt</c>; only the last one's failure counts (<see cref="FinishTest"/>'s <c>decisive</c>).
    /// </summary>
    public int RetryFailed { get; }

    /// <summary>
    /// Opens the session's Experiment. <paramref name="recordingError"/> receives every recording problem found
    /// while tests run (a <c>LogParameter</c> whose type conflicts with its column, …): the value is dropped,
    /// the error counted, and the test goes on.
    /// </summary>
    public static TestSession Start(TestSessionSettings settings, Action<string>? recordingError = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // The index is opened on first use: a host in a build session stores blobs and journals Runs, the build step
        // publishes, so a host that only records never opens (or creates, or checkpoints) the index.
        var registry = LocalRegistry.OpenIndexOnFirstUse(settings.RegistryRoot);
        Experiment? experiment = null;
        try
        {
            TestRunSession? session = null;
            if (settings.SessionId is { } id)
            {
                session = new TestRunSessions(registry).Get(id);
                settings = settings with { ExperimentName = session.ImageName, FinishInHost = false };
            }

            var resume = session is not null
                ? session.Resume is { } chosen ? ResumePlanner.Load(registry, Digest.Parse(chosen.ManifestDigest), chosen.ImageName, null) : null
                : settings.ResumeFrom is { Length: > 0 } from ? ResumePlanner.Load(registry, from) : null;

            experiment = Experiment.Create(registry, settings.ExperimentName ?? FreshName(registry, settings.ExperimentRepository), Registry.Leases.LeaseKind.TestSession, settings.SessionId);
            experiment.AutosavePolicy = AutosavePolicy.Disabled();
            foreach (var (key, value) in settings.Annotations)
            {
                experiment.SetAnnotation(key, value);
            }

            foreach (var (key, value) in (session?.Fingerprint ?? settings.Fingerprint)?.ToAnnotations() ?? new Dictionary<string, string>())
            {
                experiment.SetAnnotation(key, value);
            }

            if (settings.Metrics.Count > 0)
            {
                experiment.SetAnnotation(MetricAnnotation.Key, MetricAnnotation.Format(settings.Metrics));
            }

            foreach (var (name, kind) in settings.ArgumentColumns.PlainColumns)
            {
                experiment.Columns.TryClaim(name, kind);
            }

            return new TestSession(registry, experiment, settings, recordingError, resume, session?.Resume?.ForcedAcross, session?.RetryFailed ?? settings.RetryFailed);
        }
        catch
        {
            // The Experiment holds a lease (and its heartbeat timer) in the registry: released before the registry closes.
            experiment?.Dispose();
            registry.Dispose();
            throw;
        }
    }

    /// <summary><c>&lt;repository&gt;:&lt;yyyyMMddTHHmmssZ&gt;-&lt;8 hex&gt;</c>, or an anonymous OMMX experiment name.</summary>
    public static string? FreshName(LocalRegistry registry, string? repository)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (repository is null)
        {
            return null;
        }

        var tag = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        return $"{repository}:{tag}";
    }

    /// <summary>
    /// Carries the checkpoint's Runs into this session's Experiment (see <see cref="ResumePlan.Select"/>) and records the
    /// resume in its annotations; the checkpoint becomes its <c>subject</c>. Carried Runs that failed (test cases a
    /// filter left out) count as failures, so the run does not commit. Call once, before the first test starts.
    /// </summary>
    /// <param name="running">The test-case ids this session runs.</param>
    /// <param name="existing">Every test-case id the test assembly has now (<c>null</c> if unknown: nothing is dropped).</param>
    public ResumeSelection CarryOver(IEnumerable<string> running, IEnumerable<string>? existing)
    {
        var plan = Resume ?? throw new InvalidOperationException("This test session resumes no checkpoint");
        var selection = plan.Select(running, existing);
        experiment.SetAnnotation(AnnotationKeys.ResumedFrom, plan.Checkpoint.RequestedImage);
        experiment.SetAnnotation(AnnotationKeys.ResumeCarried, selection.Carried.Count.ToString(CultureInfo.InvariantCulture));
        if (selection.Dropped.Count > 0)
        {
            experiment.SetAnnotation(AnnotationKeys.ResumeDropped, string.Join(", ", selection.Dropped.Take(20).Select(d => d.Label ?? d.Key)) + (selection.Dropped.Count > 20 ? ", …" : string.Empty));
        }

        if (forcedAcross is not null)
        {
            experiment.SetAnnotation(AnnotationKeys.ResumeForced, forcedAcross);
        }

        experiment.CarryRuns(selection.Carried, plan.Checkpoint.Manifest, plan.NextRunId);
        lock (gate)
        {
            failedTests.AddRange(selection.CarriedFailed.Select(c => (c.Label ?? c.Key) + " (carried, not run again)"));
            carried = selection.Carried.Count;
        }

        return selection;
    }

    /// <summary>Opens the test's Run (journalled at once) and records what is known before it runs.</summary>
    public Run StartTest(TestCaseInfo test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var run = experiment.Run(test.DisplayName, announce: true);
        run.LogParameter(TestCaseParameters.Id, test.Id);
        run.LogParameter(TestCaseParameters.DisplayName, test.DisplayName);
        if (test.ClassName is not null)
        {
            run.LogParameter(TestCaseParameters.Class, test.ClassName);
        }

        if (test.MethodName is not null)
        {
            run.LogParameter(TestCaseParameters.Method, test.MethodName);
        }

        if (RetryFailed > 0 || test.Attempt > 1)
        {
            run.LogParameter(AttemptParameter, test.Attempt);
        }

        foreach (var (name, argument) in test.Arguments)
        {
            LogArgument(run, name, argument);
        }

        foreach (var (name, values) in test.Traits)
        {
            run.LogParameter(TestCaseParameters.TraitPrefix + name, string.Join(",", values));
        }

        return run;
    }

    /// <summary>The run parameter holding a test case's attempt number when failed test cases are retried.</summary>
    public const string AttemptParameter = TestCaseParameters.Attempt;

    /// <summary>
    /// Closes the test's Run with its outcome; output and stack trace become text attachments. A failure that is not
    /// <paramref name="decisive"/> (an attempt that will be retried) is recorded as failed but does not fail the run.
    /// </summary>
    public void FinishTest(Run run, TestResult result, bool decisive = true)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.Outcome switch
        {
            TestOutcome.Passed => "passed",
            TestOutcome.Failed => "failed",
            TestOutcome.Skipped => "skipped",
            _ => "interrupted",
        };
        run.LogParameter(TestCaseParameters.Outcome, outcome);
        run.LogParameter(TestCaseParameters.DurationSeconds, result.DurationSeconds);
        if (result.SkipReason is not null)
        {
            run.LogParameter(TestCaseParameters.SkipReason, result.SkipReason);
        }

        if (result.Output.Length > 0)
        {
            run.LogText("output.txt", result.Output);
        }

        if (result.StackTrace is { Length: > 0 } stack)
        {
            run.LogText("stack-trace.txt", stack);
        }

        var reason = result.ExceptionType is null ? outcome : $"{ShortTypeName(result.ExceptionType)}: {result.ExceptionMessage}";
        switch (result.Outcome)
        {
            case TestOutcome.Failed:
                if (decisive)
                {
                    lock (gate)
                    {
                        failedTests.Add(run.Label ?? run.Id.ToString(CultureInfo.InvariantCulture));
                    }
                }

                run.Fail(reason);
                break;
            case TestOutcome.Interrupted:
                run.Interrupt(reason);
                break;
            default:
                run.Finish();
                break;
        }

        Interlocked.Increment(ref runs);
    }

    /// <summary>Counts a recording problem (the adapter reports its text); the summary says how many there were.</summary>
    public void RecordError() => Interlocked.Increment(ref recordingErrors);

    private void ReportRecordingError(string message)
    {
        RecordError();
        recordingError?.Invoke(message);
    }

    /// <summary>
    /// Records a theory argument by <see cref="TheoryArgumentColumns"/>; if test code already took that key with
    /// another type, the value moves to its type-suffixed key, and only if that is taken too is it reported.
    /// </summary>
    private void LogArgument(Run run, string name, object? argument)
    {
        if (settings.ArgumentColumns.Column(name, argument) is not var (key, value))
        {
            return;
        }

        if (run.TryLogParameter(key, value, out _))
        {
            return;
        }

        var fallback = TheoryArgumentColumns.SuffixedKey(name, value.Kind);
        if (fallback == key || !run.TryLogParameter(fallback, value, out _))
        {
            ReportRecordingError($"Run {run.Id} ({run.Label}): theory argument `{name}` = {value} was not recorded: test code logged `{key}` and `{fallback}` with other types.");
        }
    }

    /// <summary>
    /// <see cref="Complete"/> for a test host adapter, told as lines for its diagnostics: the summary and the count of
    /// recording errors, or why the session could not be finished (every closed Run stays in the journal).
    /// </summary>
    public IReadOnlyList<string> CompleteAndDescribe()
    {
        try
        {
            var summary = Complete();
            return summary.RecordingErrors > 0
                ? [summary.ToString(), $"OMMX: {summary.RecordingErrors} recording error(s) in this run; see the messages above"]
                : [summary.ToString()];
        }
        catch (Exception e) when (e is not (OutOfMemoryException or AccessViolationException))
        {
            return [$"OMMX: could not finish {ImageName}: {DescribeError(e)}. Every closed Run is in the journal; the next `dotnet test`, `dotnet build -t:OmmxGc` or `ommx doctor --fix` turns it into an interrupted checkpoint."];
        }
    }

    /// <summary>
    /// <see cref="CarryOver"/> for a test host adapter, told to <paramref name="report"/> as lines for its diagnostics.
    /// False when carrying failed (counted as a recording error): then every test case runs, so nothing is missing from
    /// the Experiment.
    /// </summary>
    /// <param name="running">The ids of the test cases that run.</param>
    /// <param name="existing">The ids of every test case the assembly has now, or null (nothing of the checkpoint is dropped).</param>
    /// <param name="total">How many test cases this run selected.</param>
    /// <param name="report">Where the lines go.</param>
    public bool CarryOverAndDescribe(IReadOnlyCollection<string> running, IReadOnlyCollection<string>? existing, int total, Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(report);
        try
        {
            var selection = CarryOver(running, existing);
            var plan = Resume!;
            report($"OMMX: resuming {plan.Checkpoint.RequestedImage} ({plan.Checkpoint.Manifest.Digest}): {selection.Carried.Count} Run(s) carried, {running.Count} of {total} test case(s) run");
            if (selection.Dropped.Count > 0)
            {
                report($"OMMX: {selection.Dropped.Count} test case(s) of the checkpoint no longer exist and were dropped: {string.Join(", ", selection.Dropped.Take(10).Select(d => d.Label ?? d.Key))}{(selection.Dropped.Count > 10 ? ", …" : string.Empty)}");
            }

            return true;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or AccessViolationException))
        {
            RecordError();
            report($"OMMX: could not carry the Runs of the resumed checkpoint ({DescribeError(e)}); every test case runs");
            return false;
        }
    }

    /// <summary>Counts a problem of the adapter itself (a message it could not translate, say) and says it as a diagnostic line.</summary>
    public string RecordFault(string what, Exception e)
    {
        RecordError();
        return $"OMMX: recording error while {what}: {DescribeError(e)}";
    }

    /// <summary>An exception as a diagnostic says it: the message of the core's own and I/O errors, type and message of any other.</summary>
    public static string DescribeError(Exception e) => e is OmmxException or IOException ? e.Message : $"{e.GetType().Name}: {e.Message}";

    /// <summary>
    /// Ends the session. When the host finishes: commit if every test passed, else a failed checkpoint. Otherwise
    /// the journal is left for the build step, which knows whether the host survived.
    /// </summary>
    public TestSessionSummary Complete()
    {
        // One snapshot of the failed tests under the lock, used for every count and reason below.
        string[] failed;
        lock (gate)
        {
            failed = [.. failedTests];
        }

        if (!settings.FinishInHost)
        {
            if (settings.SessionId is { } id)
            {
                var failureReason = failed.Length > 0 ? FailureReason(failed) : null;
                new TestRunSessions(registry).ReportHostFinished(id, new TestHostReport
                {
                    Runs = runs,
                    Failed = failed.Length,
                    FailureReason = failureReason,
                    PreparedManifest = Prepare(failed.Length, failureReason),
                    RecordingErrors = recordingErrors,
                    FinishedUtc = DateTime.UtcNow,
                    Carried = carried,
                    ResumedFrom = Resume?.Checkpoint.RequestedImage,
                });
            }

            return new TestSessionSummary(ImageName, null, null, runs, failed.Length, recordingErrors) { Carried = carried, ResumedFrom = Resume?.Checkpoint.RequestedImage };
        }

        // No build step follows (OmmxCommitAfterTest=false, an IDE): the host moves the aliases the build step would.
        if (failed.Length == 0)
        {
            var manifest = experiment.Commit();
            return new TestSessionSummary(ImageName, ExperimentStatus.Finished, manifest.Digest.ToString(), runs + carried, 0, recordingErrors)
            {
                Carried = carried,
                ResumedFrom = Resume?.Checkpoint.RequestedImage,
                Alias = TestRunSessions.PointAlias(registry, experiment.ImageName, TestRunSessions.LatestTag, manifest.Digest),
            };
        }

        var checkpoint = experiment.CommitFailedCheckpoint(FailureReason(failed));
        return new TestSessionSummary(ImageName, ExperimentStatus.Failed, checkpoint.Digest.ToString(), runs + carried, failed.Length, recordingErrors)
        {
            Carried = carried,
            ResumedFrom = Resume?.Checkpoint.RequestedImage,
            Alias = TestRunSessions.PointAlias(registry, experiment.ImageName, TestRunSessions.LatestFailedTag, checkpoint.Digest),
        };
    }

    /// <summary>
    /// Stores the artifact the build step will most likely publish (see <see cref="Experiment.PrepareForPublish"/>), decided
    /// as the build step decides when the test command agrees with the host; its manifest digest, or <c>null</c> when
    /// nothing was prepared. A failure here costs nothing but the shortcut: the build step replays the journal then.
    /// </summary>
    private string? Prepare(int failed, string? failureReason)
    {
        var (status, reason) = TestRunSessions.Decide(failed, failureReason, failure: null);
        try
        {
            return experiment.PrepareForPublish(status, reason)?.Manifest.ToString();
        }
        catch (Exception e) when (e is not (OutOfMemoryException or AccessViolationException))
        {
            // Whatever went wrong, the journal holds the recording and the build step replays it.
            return null;
        }
    }

    internal static string FailureReason(IReadOnlyCollection<string> failed)
    {
        var sb = new StringBuilder().Append(failed.Count.ToString(CultureInfo.InvariantCulture)).Append(" test(s) failed: ");
        sb.AppendJoin(", ", failed.Take(10));
        if (failed.Count > 10)
        {
            sb.Append(", …");
        }

        return sb.ToString();
    }

    private static string ShortTypeName(string fullName) => fullName[(fullName.LastIndexOf('.') + 1)..];

    public void Dispose()
    {
        experiment.Dispose();
        registry.Dispose();
    }
}
