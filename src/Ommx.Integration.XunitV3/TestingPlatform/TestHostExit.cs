namespace Ommx.Integration.XunitV3.TestingPlatform;

/// <summary>What a Microsoft.Testing.Platform test host's exit code says about its tests.</summary>
internal static class TestHostExit
{
    /// <summary>The platform's exit code for a run where every test passed.</summary>
    public const int Success = 0;

    /// <summary>
    /// The platform's exit code for a run where at least one test failed; also the controller's code for a run whose tests
    /// passed but whose follow-up fails it (a regression under <c>OmmxFailOnRegression</c>, a failed push).
    /// </summary>
    public const int TestsFailed = 2;

    /// <summary>The platform's exit code for a run that ran no test (a filter that matched nothing): nothing failed.</summary>
    public const int ZeroTests = 8;

    /// <summary>
    /// Whether the tests succeeded as <c>dotnet test</c> counts it (the VSTest step's <c>MSBuildLastTaskResult</c>). Any
    /// other code (failed tests 2, aborted 3, a crash) is not; whether the host reached the end of the assembly is
    /// told by its own report to the session, not by this code.
    /// </summary>
    public static bool Succeeded(int exitCode) => exitCode is Success or ZeroTests;
}
