using System.Reflection;
using Microsoft.Testing.Platform.Configurations;
using Microsoft.Testing.Platform.Extensions;
using Microsoft.Testing.Platform.Extensions.Messages;
using Microsoft.Testing.Platform.Extensions.OutputDevice;
using Microsoft.Testing.Platform.Extensions.TestHostControllers;
using Microsoft.Testing.Platform.Messages;
using Microsoft.Testing.Platform.OutputDevice;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.XunitV3.TestingPlatform;

/// <summary>
/// The after-test step under Microsoft.Testing.Platform, where <c>dotnet test</c> runs no MSBuild <c>VSTest</c>
/// target. It lives in the test host controller, a process of its own that starts the test host and outlives it:
/// before the host starts it opens the session (<see cref="TestRunSessions.Begin(TestRunRequest)"/>, as
/// <c>OmmxBeginTestRun</c>) and hands its id to the host through the environment; when the host has exited it settles
/// the session (<see cref="TestRunSessions.Finish"/>, as <c>OmmxFinishTestRun</c>): commit, failed checkpoint, or
/// interrupted checkpoint naming the test that was running when the host died. The result line goes to the platform's
/// output device, which <c>dotnet test</c> and the console both show.
/// </summary>
internal sealed class TestRunController : ITestHostEnvironmentVariableProvider, ITestHostProcessLifetimeHandler, IOutputDeviceDataProducer, IDataProducer
{
    private readonly IServiceProvider services;
    private readonly Lock gate = new();
    private readonly IReadOnlyDictionary<string, string> baked;
    private TestRunSession? session;
    private string? registryRoot;
    private bool beginFailed;
    private string? refusal;

    public TestRunController(IServiceProvider services)
    {
        this.services = services;
        baked = BakedTestSettings.Read(Assembly.GetEntryAssembly());
    }

    public string Uid => nameof(TestRunController);

    public string Version => typeof(TestRunController).Assembly.GetName().Version?.ToString() ?? "0";

    public string DisplayName => "OMMX test run";

    public string Description => "Opens the OMMX test session before the test host starts and commits or checkpoints the Experiment after it exits.";

    /// <summary>The result file (<see cref="TestRunResultFile"/>), the one thing of an extension <c>dotnet test</c> lists in a passing run.</summary>
    public Type[] DataTypesProduced => [typeof(FileArtifact)];

    /// <summary>Only for a test assembly built with the package's targets (recording on).</summary>
    public Task<bool> IsEnabledAsync() => Task.FromResult(baked.Count > 0);

    public async Task UpdateAsync(IEnvironmentVariables environmentVariables)
    {
        ArgumentNullException.ThrowIfNull(environmentVariables);
        if (await BeginAsync().ConfigureAwait(false) is { } opened)
        {
            environmentVariables.SetVariable(new EnvironmentVariable(TestRunSessions.SessionVariable, opened.Id, isSecret: false, isLocked: true));
            environmentVariables.SetVariable(new EnvironmentVariable(BakedTestSettings.SessionRootVariable, registryRoot!, isSecret: false, isLocked: true));
        }
    }

    /// <summary>An explicit Experiment name that is taken stops the run before the test host starts, as <c>OmmxBeginTestRun</c> does.</summary>
    public Task<ValidationResult> ValidateTestHostEnvironmentVariablesAsync(IReadOnlyEnvironmentVariables environmentVariables)
    {
        lock (gate)
        {
            return refusal is null ? ValidationResult.ValidTask : ValidationResult.InvalidTask(refusal);
        }
    }

    public async Task BeforeTestHostProcessStartAsync(CancellationToken cancellationToken) => await BeginAsync().ConfigureAwait(false);

    public Task OnTestHostProcessStartedAsync(ITestHostProcessInformation testHostProcessInformation, CancellationToken cancellation) => Task.CompletedTask;

    public async Task OnTestHostProcessExitedAsync(ITestHostProcessInformation testHostProcessInformation, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(testHostProcessInformation);
        if (TestHostExitCodeRelay.Applies(testHostProcessInformation.HasExitedGracefully, cancellation.IsCancellationRequested, testHostProcessInformation.ExitCode))
        {
            TestHostExitCodeRelay.Relay(testHostProcessInformation.ExitCode);
        }

        TestRunSession? opened;
        lock (gate)
        {
            opened = session;
            session = null;
        }

        if (opened is null)
        {
            return;
        }

        var testsSucceeded = TestHostExit.Succeeded(testHostProcessInformation.ExitCode);
        var report = TestRunFinish.Settle(registryRoot!, opened.Id, testsSucceeded, TestRunFollowUpBaked.Read(baked, ResultsDirectory));

        // A regression under OmmxFailOnRegression (or a failed push) fails a run whose tests passed, as the MSBuild step's
        // error does under VSTest; a run that already failed keeps its own code.
        if (report.FailsTheRun && testsSucceeded && testHostProcessInformation.HasExitedGracefully)
        {
            TestHostExitCodeRelay.Relay(TestHostExit.TestsFailed);
        }
        foreach (var line in report.Lines)
        {
            await DisplayAsync(line.Text, line.IsWarning).ConfigureAwait(false);
        }

        await PublishResultFileAsync(report).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the lines to the result file and publishes it as a file artifact: <c>dotnet test</c> lists it under "Out of
    /// process file artifacts produced" whether the run passed or not, and the platform lists it when run directly.
    /// </summary>
    private async Task PublishResultFileAsync(TestRunFinish.Report report)
    {
        if (services.GetService(typeof(IMessageBus)) is not IMessageBus bus)
        {
            return;
        }

        FileInfo file;
        try
        {
            file = TestRunResultFile.Write(ResultsDirectory, report.Outcome, report.Lines);
        }
        catch (Exception e) when (StorageErrors.IsFileError(e))
        {
            await DisplayAsync($"warning {TestRunCodes.FinishFailed}: OMMX: could not write the result file ({e.Message})", warning: true).ConfigureAwait(false);
            return;
        }

        await bus.PublishAsync(this, new FileArtifact(file, DisplayName, report.Lines.Count > 0 ? report.Lines[0].Text : null)).ConfigureAwait(false);
    }

    /// <summary>Opens the session once (the platform asks for the environment and announces the start, in either order).</summary>
    private async Task<TestRunSession?> BeginAsync()
    {
        TestRunBegin.Report report;
        lock (gate)
        {
            if (session is not null || beginFailed)
            {
                return session;
            }

            report = TestRunBegin.Open(baked, Assembly.GetEntryAssembly());
            session = report.Session;
            registryRoot = report.RegistryRoot;
            beginFailed = report.Session is null;
            refusal = report.Refusal;
        }

        foreach (var line in report.Lines)
        {
            await DisplayAsync(line.Text, line.IsWarning).ConfigureAwait(false);
        }

        return report.Session;
    }

    /// <summary>The platform's test results directory (<c>--results-directory</c>, else <c>TestResults</c>).</summary>
    private string ResultsDirectory =>
        services.GetService(typeof(IConfiguration)) is IConfiguration configuration ? configuration.GetTestResultDirectory() : Path.Combine(Environment.CurrentDirectory, "TestResults");

    private static bool UnderDotnetTest => Environment.GetCommandLineArgs().Contains("--server", StringComparer.Ordinal);

    private async Task DisplayAsync(string text, bool warning)
    {
        // Under dotnet test (server mode) the platform's output device of this process is not shown, but its standard
        // output is (dotnet test prints it with the application's result). Run directly, the output device is the console.
        IOutputDeviceData data = warning ? new WarningMessageOutputDeviceData(text) : new TextOutputDeviceData(text);
        if (UnderDotnetTest || services.GetService(typeof(IOutputDevice)) is not IOutputDevice device || !await OutputDeviceBridge.TryDisplayAsync(device, this, data).ConfigureAwait(false))
        {
            await Console.Out.WriteLineAsync(text).ConfigureAwait(false);
        }
    }
}
