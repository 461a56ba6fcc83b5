namespace Ommx.Integration.XunitV3.TestingPlatform;

/// <summary>
/// Keeps the exit code of a test run whose host crashed what it is without the package. Microsoft.Testing.Platform's
/// test host controller returns its own code 7 ("test host process exited non-gracefully") when the host dies without
/// reporting its end, where the same application without a controller exits with the host's code (134 for FailFast or a
/// stack overflow, 137 for SIGKILL on Linux), and <c>dotnet test</c> returns what the application returned. Recording must
/// not change a run's exit code, so the controller hands the host's code on as its own.
/// </summary>
/// <remarks>
/// The code is set when the controller process exits (<see cref="AppDomain.ProcessExit"/>), after the platform has run
/// to its end: its output, its disposal and the value its entry point returns are left as they are; only the process
/// exit code, latched by the runtime after the exit handlers run, becomes the host's.
/// </remarks>
internal static class TestHostExitCodeRelay
{
    private static int relayed;

    /// <summary>Whether the controller must hand the host's code on: the host died without reporting its end, and the run was not cancelled.</summary>
    public static bool Applies(bool hostExitedGracefully, bool runCancelled, int hostExitCode) =>
        !hostExitedGracefully && !runCancelled && hostExitCode != TestHostExit.Success;

    /// <summary>Makes this process exit with <paramref name="hostExitCode"/> (once; later calls keep the first code).</summary>
    public static void Relay(int hostExitCode)
    {
        if (Interlocked.Exchange(ref relayed, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Environment.ExitCode = hostExitCode;
        }
    }
}
