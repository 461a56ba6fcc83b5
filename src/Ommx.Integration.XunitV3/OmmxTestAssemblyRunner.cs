using Xunit.Sdk;
using Xunit.v3;

namespace Ommx.Integration.XunitV3;

/// <summary>xunit's assembly runner with a context whose message bus records (<see cref="OmmxTestAssemblyRunnerContext"/>).</summary>
internal sealed class OmmxTestAssemblyRunner : XunitTestAssemblyRunner
{
    private OmmxTestAssemblyRunner()
    {
    }

    public static new OmmxTestAssemblyRunner Instance { get; } = new();

    /// <summary>Runs the assembly recording into <paramref name="recorder"/>; with <c>null</c> (recording is off) it runs as without us.</summary>
    public async ValueTask<RunSummary> Run(SessionRecorder? recorder, IXunitTestAssembly testAssembly, IReadOnlyCollection<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions, CancellationToken cancellationToken)
    {
        if (recorder is null)
        {
            return await Run(testAssembly, testCases, executionMessageSink, executionOptions, cancellationToken).ConfigureAwait(false);
        }

        await using var context = new OmmxTestAssemblyRunnerContext(recorder, testAssembly, testCases, executionMessageSink, executionOptions, cancellationToken);
        await context.InitializeAsync().ConfigureAwait(false);
        return await Run(context).ConfigureAwait(false);
    }
}
