using System.Collections.Concurrent;
using Ommx.Integration.Experiments;
using Ommx.Integration.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit;

/// <summary>
/// Translates xunit test events into <see cref="TestSession"/> calls. Recording never changes a test's
/// outcome: every storage error becomes a diagnostic message and is counted.
/// </summary>
internal sealed class SessionRecorder : IDisposable
{
    private readonly TestSession session;
    private readonly IMessageSink diagnostics;
    private readonly ConcurrentDictionary<ITest, Run> open = new();

    private SessionRecorder(TestSession session, IMessageSink diagnostics)
    {
        this.session = session;
        this.diagnostics = diagnostics;
    }

    public static SessionRecorder? Start(TestSessionSettings settings, IMessageSink diagnostics)
    {
        try
        {
            return new SessionRecorder(TestSession.Start(settings), diagnostics);
        }
        catch (Exception e) when (IsRecordingError(e))
        {
            diagnostics.OnMessage(new DiagnosticMessage($"OMMX: recording is off for this run: {e.Message}"));
            return null;
        }
    }

    public Run? Started(ITest test)
    {
        return Guard("start", test, () =>
        {
            var run = session.StartTest(Describe(test));
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
                session.FinishTest(run, result);
                return null;
            });
        }
    }

    public void Complete()
    {
        try
        {
            var summary = session.Complete();
            diagnostics.OnMessage(new DiagnosticMessage(summary.ToString()));
            if (summary.RecordingErrors > 0)
            {
                diagnostics.OnMessage(new DiagnosticMessage($"OMMX: {summary.RecordingErrors} recording error(s) in this run; see the messages above"));
            }
        }
        catch (Exception e) when (IsRecordingError(e))
        {
            diagnostics.OnMessage(new DiagnosticMessage($"OMMX: could not finish {session.ImageName}: {e.Message}. Every closed Run is in the journal; restore it with Experiment.RestoreFromCheckpoint."));
        }
    }

    private T? Guard<T>(string what, ITest test, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (IsRecordingError(e) || e is InvalidOperationException)
        {
            session.RecordError();
            diagnostics.OnMessage(new DiagnosticMessage($"OMMX: could not {what} the Run of {test.DisplayName}: {e.Message}"));
            return default;
        }
    }

    /// <summary>Storage failures that must never reach a test: reported as diagnostics instead.</summary>
    private static bool IsRecordingError(Exception e) =>
        e is OmmxException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException;

    internal static TestCaseInfo Describe(ITest test)
    {
        var testCase = test.TestCase;
        var method = testCase.TestMethod;
        var arguments = new List<KeyValuePair<string, object?>>();
        if (testCase.TestMethodArguments is { } values)
        {
            var parameters = method.Method.GetParameters().ToList();
            for (var i = 0; i < values.Length && i < parameters.Count; i++)
            {
                arguments.Add(new KeyValuePair<string, object?>(parameters[i].Name, values[i]));
            }
        }

        return new TestCaseInfo(testCase.UniqueID, test.DisplayName, method.TestClass.Class.Name, method.Method.Name)
        {
            Arguments = arguments,
            Traits = testCase.Traits.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Value),
        };
    }

    public void Dispose() => session.Dispose();
}
