using System.Globalization;
using System.Text;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.Testing;

/// <summary>
/// Records one test run (one assembly, one target framework) as one Experiment: every test case is a Run
/// opened (and journalled, so a crashing test can be named) when it starts and closed with its outcome,
/// duration, output and failure. Thread-safe; parallel test collections call it concurrently. Test
/// framework adapters translate their events into <see cref="StartTest"/> / <see cref="FinishTest"/> and
/// never let a storage error reach a test: they catch <see cref="OmmxException"/> and report it.
/// </summary>
public sealed class TestSession : IDisposable
{
    private readonly LocalRegistry registry;
    private readonly Experiment experiment;
    private readonly TestSessionSettings settings;
    private readonly Lock gate = new();
    private readonly List<string> failedTests = [];
    private int runs;
    private int recordingErrors;

    private TestSession(LocalRegistry registry, Experiment experiment, TestSessionSettings settings)
    {
        this.registry = registry;
        this.experiment = experiment;
        this.settings = settings;
    }

    public string ImageName => experiment.ImageName.ToString();

    public static TestSession Start(TestSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var registry = LocalRegistry.Open(settings.RegistryRoot);
        try
        {
            if (settings.SessionId is { } id)
            {
                settings = settings with { ExperimentName = new TestRunSessions(registry).Get(id).ImageName, FinishInHost = false };
            }

            var experiment = Experiment.Create(registry, settings.ExperimentName ?? FreshName(registry, settings.ExperimentRepository), Registry.Leases.LeaseKind.TestSession, settings.SessionId);
            experiment.AutosavePolicy = AutosavePolicy.Disabled();
            foreach (var (key, value) in settings.Annotations)
            {
                experiment.SetAnnotation(key, value);
            }

            return new TestSession(registry, experiment, settings);
        }
        catch
        {
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

    /// <summary>Opens the test's Run (journalled at once) and records what is known before it runs.</summary>
    public Run StartTest(TestCaseInfo test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var run = experiment.Run(test.DisplayName, announce: true);
        run.LogParameter("test.id", test.Id);
        run.LogParameter("test.display_name", test.DisplayName);
        if (test.ClassName is not null)
        {
            run.LogParameter("test.class", test.ClassName);
        }

        if (test.MethodName is not null)
        {
            run.LogParameter("test.method", test.MethodName);
        }

        foreach (var (name, value) in test.Arguments)
        {
            if (ToParameter(value) is { } parameter)
            {
                run.LogParameter(name, parameter);
            }
        }

        foreach (var (name, values) in test.Traits)
        {
            run.LogParameter("trait." + name, string.Join(",", values));
        }

        return run;
    }

    /// <summary>Closes the test's Run with its outcome; output and stack trace become text attachments.</summary>
    public void FinishTest(Run run, TestResult result)
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
        run.LogParameter("test.outcome", outcome);
        run.LogParameter("test.duration_seconds", result.DurationSeconds);
        if (result.SkipReason is not null)
        {
            run.LogParameter("test.skip_reason", result.SkipReason);
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
                lock (gate)
                {
                    failedTests.Add(run.Label ?? run.Id.ToString(CultureInfo.InvariantCulture));
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

    /// <summary>
    /// Ends the session. When the host finishes: commit if every test passed, else a failed checkpoint. Otherwise
    /// the journal is left for the build step, which knows whether the host survived.
    /// </summary>
    public TestSessionSummary Complete()
    {
        if (!settings.FinishInHost)
        {
            if (settings.SessionId is { } id)
            {
                string[] failed;
                lock (gate)
                {
                    failed = [.. failedTests];
                }

                new TestRunSessions(registry).ReportHostFinished(id, new TestHostReport
                {
                    Runs = runs,
                    Failed = failed.Length,
                    FailureReason = failed.Length > 0 ? FailureReason(failed) : null,
                    RecordingErrors = recordingErrors,
                    FinishedUtc = DateTime.UtcNow,
                });
            }

            return new TestSessionSummary(ImageName, null, null, runs, failedTests.Count, recordingErrors);
        }

        // No build step follows (OmmxCommitAfterTest=false, an IDE): the host moves the aliases the build step would.
        if (failedTests.Count == 0)
        {
            var manifest = experiment.Commit();
            return new TestSessionSummary(ImageName, ExperimentStatus.Finished, manifest.Digest.ToString(), runs, 0, recordingErrors)
            {
                Alias = TestRunSessions.PointAlias(registry, experiment.ImageName, TestRunSessions.LatestTag, manifest.Digest),
            };
        }

        var checkpoint = experiment.CommitFailedCheckpoint(FailureReason(failedTests));
        return new TestSessionSummary(ImageName, ExperimentStatus.Failed, checkpoint.Digest.ToString(), runs, failedTests.Count, recordingErrors)
        {
            Alias = TestRunSessions.PointAlias(registry, experiment.ImageName, TestRunSessions.LatestFailedTag, checkpoint.Digest),
        };
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

    private static RunParameterValue? ToParameter(object? value) => value switch
    {
        bool b => RunParameterValue.From(b),
        sbyte or byte or short or ushort or int or uint or long => RunParameterValue.From(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong u when u <= long.MaxValue => RunParameterValue.From((long)u),
        float f => RunParameterValue.From((double)f),
        double d => RunParameterValue.From(d),
        decimal m => RunParameterValue.From((double)m),
        string s => RunParameterValue.From(s),
        char c => RunParameterValue.From(c.ToString()),
        Enum e => RunParameterValue.From(e.ToString()),
        _ => null,
    };

    public void Dispose()
    {
        experiment.Dispose();
        registry.Dispose();
    }
}
