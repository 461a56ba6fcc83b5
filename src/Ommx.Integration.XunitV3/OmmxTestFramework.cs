using System.Reflection;
using Xunit.v3;

namespace Ommx.Integration.XunitV3;

/// <summary>
/// The xunit v3 test framework that records each test case as a Run. The package's build targets inject
/// <c>[assembly: TestFramework(typeof(Ommx.Integration.XunitV3.OmmxTestFramework))]</c>; discovery is xunit's own.
/// </summary>
public sealed class OmmxTestFramework : XunitTestFramework
{
    private readonly string? configFileName;

    // xunit creates the framework with the parameterless constructor, or with the configuration file's name.
    public OmmxTestFramework()
    {
    }

    public OmmxTestFramework(string? configFileName)
        : base(configFileName)
    {
        this.configFileName = configFileName;
    }

    protected override ITestFrameworkExecutor CreateExecutor(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return new OmmxTestFrameworkExecutor(new XunitTestAssembly(assembly, configFileName, assembly.GetName().Version, null), assembly);
    }
}
