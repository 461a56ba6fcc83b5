using Microsoft.Testing.Platform.Builder;
using Microsoft.Testing.Platform.Extensions;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.XunitV3.TestingPlatform;

/// <summary>
/// Registered by the package's targets as a <c>TestingPlatformBuilderHook</c> item, so Microsoft.Testing.Platform's
/// generated <c>SelfRegisteredExtensions</c> calls it when the test application starts (under <c>dotnet test</c>,
/// <c>dotnet run</c> or executed directly). It adds <see cref="TestRunController"/>, which runs in the test host
/// controller process: it opens the test session before the test host starts and finishes the Experiment when the
/// host has exited, however it exited.
/// </summary>
public static class TestingPlatformBuilderHook
{
    public static void AddExtensions(ITestApplicationBuilder testApplicationBuilder, string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(testApplicationBuilder);

        // A session opened by someone else (the VSTest step, or an outer controller) is finished by them.
        if (Environment.GetEnvironmentVariable(TestRunSessions.SessionVariable) is { Length: > 0 })
        {
            return;
        }

        var controller = new CompositeExtensionFactory<TestRunController>(services => new TestRunController(services));
        testApplicationBuilder.TestHostControllers.AddEnvironmentVariableProvider(controller);
        testApplicationBuilder.TestHostControllers.AddProcessLifetimeHandler(controller);
    }
}
