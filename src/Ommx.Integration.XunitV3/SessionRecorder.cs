using System.Collections.Concurrent;
using Ommx.Integration.Experiments;
using Ommx.Integration.Testing;
using Ommx.Integration.Testing.Resume;
using Xunit.Sdk;
using Xunit.v3;

namespace Ommx.Integration.XunitV3;

/// <summary>
/// Translates xunit v3 test messages into <see cref="TestSession"/> calls. Recording never changes a test run: every
/// exception from recording (storage, settings, a bug of ours) becomes a diagnostic message and is counted; none
/// reaches xunit or the test.
/// </summary>
internal sealed class SessionRecorder : IDisposable
{
    private static SessionRecorder? active;

    private readonly TestSession session;
    private readonly Action<string> diagnostics;
    private readonly ConcurrentDictionary<string, Run> open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> rowsStarted = new(StringComparer.Ordinal);

    private SessionRecorder(TestSession session, Action<string> diagnostics)
    {
        this.session = session;
        this.diagnostics = diagnostics;
    }

    /// <summary>The recorder of the test assembly running in this process (one per process), for <see cref="OmmxRun"/>.</summary>
    public static SessionRecorder? Active => Volatile.Read(ref active);

    /// <summary>Opens the session, or reports why recording is off for this run and returns <c>null</c>.</summary>
    public static SessionRecorder? Start(Func<TestSessionSettings?> settings, Action<string> diagnostics)
    {
        try
        {
            if (settings() is not { } resolved)
            {
                return null;
            }

            SessionRecorder? recorder = null;
            var session = TestSession.Start(resolved, message => recorder?.Report($"OMMX: recording error: {message}"));
            recorder = new SessionRecorder(session, diagnostics);
            Volatile.Write(ref active, recorder);
            return recorder;
        }
        catch (Exception e) when (!IsFatal(e))
        {
            diagnostics($"OMMX: recording is off for this run: {Describe(e)}");
            return null;
        }
    }

    /// <summary>The open Run of the test with this xunit unique id.</summary>
    public Run? RunOf(string testUniqueId) => open.TryGetValue(testUniqueId, out var run) ? run : null;

    /// <param name="starting">xunit's message.</param>
    /// <param name="test">The test itself, from <c>TestContext.Current</c> (<c>null</c> if xunit did not set it: the message alone is recorded).</param>
    public void Started(ITestStarting starting, IXunitTest? test) =>
        Guard("start", starting.TestDisplayName, () =>
        {
            open[starting.TestUniqueID] = session.StartTest(Describe(starting, test, RowOrdinal(starting, test)));
            return 0;
        });

    /// <summary>Closes the test's Run with its result and the attachments the test added.</summary>
    public void Finished(string testUniqueId, IReadOnlyDictionary<string, TestAttachment>? attachments, TestResult result)
    {
        if (!open.TryRemove(testUniqueId, out var run))
        {
            return;
        }

        Guard("finish", run.Label ?? testUniqueId, () =>
        {
            foreach (var (name, attachment) in attachments ?? new Dictionary<string, TestAttachment>())
            {
                Attach(run, name, attachment);
            }

            session.FinishTest(run, result);
            return 0;
        });
    }

    private void Attach(Run run, string name, TestAttachment attachment)
    {
        try
        {
            if (attachment.AttachmentType == TestAttachmentType.String)
            {
                run.LogText("xunit-attachment/" + name, attachment.AsString());
            }
            else
            {
                var (bytes, mediaType) = attachment.AsByteArray();
                run.LogBytes("xunit-attachment/" + name, mediaType, bytes);
            }
        }
        catch (Exception e) when (!IsFatal(e))
        {
            Fault($"attaching `{name}` to the Run of {run.Label}", e);
        }
    }

    /// <summary>The checkpoint this run resumes, or <c>null</c>.</summary>
    public ResumePlan? Resume => session.Resume;

    /// <summary>
    /// Carries the checkpoint's Runs for a resumed run (see <see cref="TestSession.CarryOver"/>) and says what it did.
    /// Returns <c>false</c> when that failed: then every test case runs, so nothing is missing from the Experiment.
    /// </summary>
    public bool CarryOver(IReadOnlyCollection<string> running, IReadOnlyCollection<string>? existing, int total) =>
        session.CarryOverAndDescribe(running, existing, total, Report);

    public void Complete()
    {
        foreach (var line in session.CompleteAndDescribe())
        {
            Report(line);
        }
    }

    /// <summary>Reports a problem of the adapter itself (a message it could not translate, say) and counts it.</summary>
    public void Fault(string what, Exception e) => Report(session.RecordFault(what, e));

    private void Report(string message) => diagnostics(message);

    private void Guard(string what, string testName, Func<int> action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (!IsFatal(e))
        {
            session.RecordError();
            Report($"OMMX: could not {what} the Run of {testName}: {Describe(e)}");
        }
    }

    /// <summary>
    /// 0, 1, 2, … for the rows of a theory xunit did not pre-enumerate (they share its test case id); <c>null</c> for a
    /// test case that is one test.
    /// </summary>
    private int? RowOrdinal(ITestStarting starting, IXunitTest? test) =>
        test?.TestCase is XunitDelayEnumeratedTheoryTestCase
            ? rowsStarted.AddOrUpdate(starting.TestCaseUniqueID, 0, (_, n) => n + 1)
            : null;

    internal static bool IsFatal(Exception e) => e is OutOfMemoryException or AccessViolationException;

    private static string Describe(Exception e) => TestSession.DescribeError(e);

    /// <summary>
    /// What the session records for a test: its id — xunit's test case id, plus <c>[row]</c> for the rows of a theory
    /// xunit did not pre-enumerate — display name, class, method, theory arguments and traits.
    /// </summary>
    internal static TestCaseInfo Describe(ITestStarting starting, IXunitTest? test, int? row)
    {
        var arguments = new List<KeyValuePair<string, object?>>();
        if (test is not null)
        {
            var parameters = test.TestMethod.Method.GetParameters();
            var values = test.TestMethodArguments;
            for (var i = 0; i < values.Length && i < parameters.Length; i++)
            {
                arguments.Add(new KeyValuePair<string, object?>(parameters[i].Name ?? $"arg{i}", values[i]));
            }
        }

        // Read through ITestCaseMetadata: xunit 4 no longer declares these on IXunitTestCase, so a call compiled against
        // 3.x's IXunitTestCase members would not bind there.
        ITestCaseMetadata? metadata = test?.TestCase;
        var id = row is { } n ? $"{starting.TestCaseUniqueID}[{n}]" : starting.TestCaseUniqueID;
        return new TestCaseInfo(id, starting.TestDisplayName, metadata?.TestClassName, metadata?.TestMethodName)
        {
            Arguments = arguments,
            Traits = starting.Traits.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)[.. t.Value]),
        };
    }

    public void Dispose()
    {
        Interlocked.CompareExchange(ref active, null, this);
        try
        {
            session.Dispose();
        }
        catch (Exception e) when (!IsFatal(e))
        {
            Report($"OMMX: could not close the session: {Describe(e)}");
        }
    }
}
