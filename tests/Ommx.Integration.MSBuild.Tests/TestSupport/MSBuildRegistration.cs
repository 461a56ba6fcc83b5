using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace Ommx.Integration.MSBuild.Tests.TestSupport;

/// <summary>
/// Points the MSBuild assemblies at the installed SDK before any MSBuild type loads, so the tasks and the
/// in-process evaluations run on the same MSBuild as <c>dotnet build</c>.
/// </summary>
internal static class MSBuildRegistration
{
#pragma warning disable CA2255 // Module initializer in a test assembly: it must run before xunit touches any test type.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
