using System.Diagnostics;
using System.Xml.Linq;

namespace Ommx.Integration.MSBuild.Tests.Targets;

/// <summary>
/// The package redefines the SDK's <c>VSTest</c> target with the same body plus <c>ContinueOnError</c>.
/// These tests fail loudly when the installed SDK's target changes shape, so the copy cannot drift silently.
/// </summary>
public sealed class VSTestRedefinitionTests
{
    private static readonly XNamespace Ns = "http://schemas.microsoft.com/developer/msbuild/2003";

    private static string OurTargets => Path.Combine(TestPaths.RepoRoot, "src", "Ommx.Integration.MSBuild", "build", "Ommx.Integration.MSBuild.VSTest.targets");

    [Fact]
    public void RedefinedVSTest_SameDependsOnAndCallTargetsAsInstalledSdk()
    {
        var sdk = Target(XDocument.Load(SdkTestPlatformTargets()), "VSTest");
        var ours = Target(XDocument.Load(OurTargets), "VSTest");

        Assert.Equal(sdk.Attribute("DependsOnTargets")?.Value, ours.Attribute("DependsOnTargets")?.Value);
        Assert.Equal(CallTargets(sdk), CallTargets(ours));
        Assert.Equal(sdk.Elements().Count(), ours.Elements().Count(e => LocalName(e) == "CallTarget"));
    }

    [Fact]
    public void RedefinedVSTest_EveryTestCallContinuesOnErrorAndFinishRunsLast()
    {
        var ours = Target(XDocument.Load(OurTargets), "VSTest");
        var children = ours.Elements().ToList();

        Assert.All(children.Where(e => LocalName(e) == "CallTarget"), e => Assert.Equal("ErrorAndContinue", e.Attribute("ContinueOnError")?.Value));
        Assert.Equal("OmmxFinishTestRun", LocalName(children[^1]));
        Assert.Null(ours.Attribute("Condition"));
    }

    [Fact]
    public void VSTestTargetsImport_ConditionalOnOptOutAndInnerBuildOnly()
    {
        var targets = XDocument.Load(Path.Combine(TestPaths.RepoRoot, "src", "Ommx.Integration.MSBuild", "build", "Ommx.Integration.MSBuild.targets"));
        var import = targets.Root!.Elements().Single(e => LocalName(e) == "Import" && e.Attribute("Project")!.Value.EndsWith("VSTest.targets", StringComparison.Ordinal));

        var condition = import.Attribute("Condition")!.Value;
        Assert.Contains("'$(OmmxCommitAfterTest)' != 'false'", condition, StringComparison.Ordinal);
        Assert.Contains("'$(IsCrossTargetingBuild)' != 'true'", condition, StringComparison.Ordinal);
    }

    private static IEnumerable<(string? Targets, string? Condition)> CallTargets(XElement target) =>
        target.Elements().Where(e => LocalName(e) == "CallTarget")
            .Select(e => (e.Attribute("Targets")?.Value, Normalize(e.Attribute("Condition")?.Value)))
            .ToList();

    private static string? Normalize(string? condition) => condition is null ? null : string.Join(' ', condition.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static XElement Target(XDocument doc, string name) =>
        doc.Root!.Elements().Single(e => LocalName(e) == "Target" && e.Attribute("Name")?.Value == name);

    private static string LocalName(XElement e) => e.Name.LocalName;

    /// <summary>The SDK the tests run under (the one <c>dotnet</c> resolves here, honouring global.json).</summary>
    private static string SdkTestPlatformTargets()
    {
        var info = new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = TestPaths.RepoRoot };
        using var process = Process.Start(info)!;
        var version = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        // <dotnet root>/shared/Microsoft.NETCore.App/<version>/ is where the running runtime lives.
        var dotnetRoot = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var sdkDir = Path.Combine(dotnetRoot, "sdk", version);
        var file = Directory.EnumerateFiles(sdkDir, "Microsoft.TestPlatform.targets", SearchOption.AllDirectories).FirstOrDefault();
        Assert.True(file is not null, $"Microsoft.TestPlatform.targets not found under {sdkDir}");
        return file!;
    }
}
