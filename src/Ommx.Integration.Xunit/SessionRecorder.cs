using System.Collections.Concurrent;
using Ommx.Integration.Experiments;
using Ommx.Integration.Testing;
using Ommx.Integration.Testing.Resume;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit;

/// <summary>
/// Translates xunit test events into <see cref="TestSession"/> calls. Recording never changes a test run:
/// every exception from recording (storage, settings, a bug of ours) becomes a diagnostic message and is
/// counted; none reaches xunit or the test.
/// </summary>
internal sealed class SessionRecorder : IDisposable
{
    private readonly TestSession session;
    private readonly IMessageSink diagnostics;
    private readonly ConcurrentDictionary<ITest, Run> open = new();
    private readonly ConcurrentDictionary<ITest, object?[]> rowArguments = new();
    private readonly ConcurrentDictionary<ITestCase, int> rowsStarted = new();
    private readonly ConcurrentDictionary<ITestCase, (int Attempt, bool Final)> attempts = new();

    private SessionRecorder(TestSession session, IMessageSink diagnostics)
    {
        this.session = session;
        this.diagnostics = diagnostics;
    }

    /// <summary>Opens the session, or reports why recording is off for this run and returns <c>null</c>.</summary>
    public static SessionRecorder? Start(Func<TestSessionSettings> settings, IMessageSink diagnostics)
    {
        try
        {
            SessionRecorder? recorder = null;
            var session = TestSession.Start(settings(), message => recorder?.Report($"OMMX: recording error: {message}"));
            recorder = new SessionRecorder(session, diagnostics);
            return recorder;
        }
        catch (Exception e) when (!IsFatal(e))
        {
            Send(diagnostics, $"OMMX: recording is off for this run: {Describe(e)}");
            return null;
        }
    }

    /// <summary>How many times a failed test case is re-run (<c>OmmxRetryFailed</c>).</summary>
    public int RetryFailed => session.RetryFailed;

    /// <summary>
    /// A test case's next attempt starts: its Runs get this attempt number, a failure counts only when
    /// <paramref name="final"/>, and the rows of a theory xunit did not pre-enumerate are numbered from 0 again.
    /// </summary>
    public void BeginAttempt(ITestCase testCase, int attempt, bool final)
    {
        attempts[testCase] = (attempt, final);
        rowsStarted.TryRemove(testCase, out _);
    }

    /// <summary>The checkpoint this run resumes, or <c>null</c>.</summary>
    public ResumePlan? Resume => session.Resume;

    /// <summary>
    /// Carries the checkpoint's Runs for a resumed run (see <see cref="TestSession.CarryOver"/>) and says what it did.
    /// Returns <c>false</c> when that failed: then every test case runs, so nothing is missing from the Experiment.
    /// </summary>
    public bool CarryOver(IReadOnlyCollection<string> running, IReadOnlyCollection<string>? existing, int total) =>
        session.CarryOverAndDescribe(running, existing, total, Report);

    /// <summary>The arguments of a theory row xunit did not pre-enumerate, seen when its test runner is created.</summary>
    public void NoteArguments(ITest test, object?[]? arguments)
    {
        if (arguments is { Length: > 0 })
        {
            rowArguments[test] = arguments;
        }
    }

    public Run? Started(ITest test)
    {
        rowArguments.TryRemove(test, out var arguments);
        return Guard("start", test, () =>
        {
            var run = session.StartTest(Describe(test, arguments, RowOrdinal(test)) with { Attempt = attempts.TryGetValue(test.TestCase, out var a) ? a.Attempt : 1 });
            open[test] = run;
            return run;
        });
    }

    public void Finished(ITest test, TestResult result)
    {
        if (open.TryRemove(test, out var run))
        {
            Guard<object?>("finish", test, () =>
            {
                session.FinishTest(run, result, decisive: !attempts.TryGetValue(test.TestCase, out var a) || a.Final);
                return null;
            });
        }
    }

    public void Complete()
    {
        foreach (var line in session.CompleteAndDescribe())
        {
            Report(line);
        }
    }

    /// <summary>Reports a problem of the adapter itself (a message it could not translate, say) and counts it.</summary>
    public void Fault(string what, Exception e) => Report(session.RecordFault(what, e));

    internal void Report(string message) => Send(diagnostics, message);

    private static void Send(IMessageSink sink, string message)
    {
        try
        {
            sink.OnMessage(new DiagnosticMessage(message));
        }
        catch (Exception e) when (!IsFatal(e))
        {
            // A diagnostic sink that throws cannot be told anything; recording still must not break the run.
        }
    }

    private T? Guard<T>(string what, ITest test, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (!IsFatal(e))
        {
            session.RecordError();
            Report($"OMMX: could not {what} the Run of {test.DisplayName}: {Describe(e)}");
            return default;
        }
    }

    /// <summary>
    /// 0, 1, 2, … for the rows of one theory test case that xunit did not pre-enumerate (they share its id);
    /// <c>null</c> for a test case that is one test.
    /// </summary>
    private int? RowOrdinal(ITest test)
    {
        var testCase = test.TestCase;
        if (testCase.TestMethodArguments is not null || !testCase.TestMethod.Method.GetParameters().Any())
        {
            return null;
        }

        // The rows of one test case run one after another, so the count is their order in the data.
        return rowsStarted.AddOrUpdate(testCase, 0, (_, n) => n + 1);
    }

    internal static bool IsFatal(Exception e) => e is OutOfMemoryException or AccessViolationException;

    private static string Describe(Exception e) => TestSession.DescribeError(e);

    /// <summary>
    /// What the session records for a test: its id — xunit's test case id, plus <c>[row]</c> for the rows of a
    /// theory xunit did not pre-enumerate — display name, class, method, arguments (the test case's, or the row's
    /// as its runner received them) and traits.
    /// </summary>
    internal static TestCaseInfo Describe(ITest test, object?[]? rowArguments = null, int? row = null)
    {
        var testCase = test.TestCase;
        var method = testCase.TestMethod;
        var arguments = new List<KeyValuePair<string, object?>>();
        if ((testCase.TestMethodArguments ?? rowArguments) is { } values)
        {
            var parameters = method.Method.GetParameters().ToList();
            for (var i = 0; i < values.Length && i < parameters.Count; i++)
            {
                arguments.Add(new KeyValuePair<string, object?>(parameters[i].Name, values[i]));
            }
        }

        var id = row is { } n ? $"{testCase.UniqueID}[{n}]" : testCase.UniqueID;
        return new TestCaseInfo(id, test.DisplayName, method.TestClass.Class.Name, method.Method.Name)
        {
            Arguments = arguments,
            Traits = testCase.Traits.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Value),
        };
    }

    public void Dispose()
    {
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
