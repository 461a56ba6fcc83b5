using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;
using Microsoft.Build.Framework;
using Ommx.Integration.MSBuild.Tests.TestSupport;

namespace Ommx.Integration.MSBuild.Tests.Targets;

/// <summary>
/// The real props and targets evaluated (and the maintenance targets run) in process by the SDK's MSBuild,
/// imported after the SDK's targets as NuGet imports a package's build files.
/// </summary>
[Collection(TargetsEvaluationCollection.Name)]
public sealed class TargetsEvaluationTests : IDisposable
{
    private static readonly string BuildDir = Path.Combine(TestPaths.RepoRoot, "src", "Ommx.Integration.MSBuild", "build");
    private static readonly string TasksDll = Path.Combine(TestPaths.RepoRoot, "src", "Ommx.Integration.MSBuild", "bin",
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug", "net10.0", "Ommx.Integration.MSBuild.dll");

    private readonly TempDirectory temp = new();
    private readonly ProjectCollection collection = new();

    [Theory]
    [InlineData(null, null, "")]
    [InlineData("example.com/p:proj", null, "example.com/p:proj")]
    [InlineData("example.com/p:proj", "example.com/p:env", "example.com/p:env")]
    [InlineData("example.com/p:proj", "example.com/p:env", "example.com/p:cli", "example.com/p:cli")]
    public void ExperimentName_Precedence_CommandLineThenEnvironmentThenProjectThenDefault(string? inProject, string? inEnvironment, string expected, string? onCommandLine = null)
    {
        var path = WriteProject("net10.0", inProject is null ? "" : $"<OmmxExperimentName>{inProject}</OmmxExperimentName>");
        var global = onCommandLine is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["OmmxExperimentName"] = onCommandLine };
        var previous = Environment.GetEnvironmentVariable("OMMX_EXPERIMENT_NAME");
        Environment.SetEnvironmentVariable("OMMX_EXPERIMENT_NAME", inEnvironment);
        try
        {
            // A collection snapshots the environment when it is created.
            using var withEnvironment = new ProjectCollection();
            var project = withEnvironment.LoadProject(path, global, null);
            Assert.Equal(onCommandLine ?? expected, project.GetPropertyValue("OmmxExperimentName"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("OMMX_EXPERIMENT_NAME", previous);
        }
    }

    [Fact]
    public void LocalRegistryRoot_EnvironmentBeatsProjectFile()
    {
        var path = WriteProject("net10.0", "<OmmxLocalRegistryRoot>/from/project</OmmxLocalRegistryRoot>");
        var previous = Environment.GetEnvironmentVariable("OMMX_LOCAL_REGISTRY_ROOT");
        Environment.SetEnvironmentVariable("OMMX_LOCAL_REGISTRY_ROOT", "/from/environment");
        try
        {
            using var withEnvironment = new ProjectCollection();
            Assert.Equal("/from/environment", withEnvironment.LoadProject(path).GetPropertyValue("OmmxLocalRegistryRoot"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("OMMX_LOCAL_REGISTRY_ROOT", previous);
        }
    }

    [Theory]
    [InlineData("OmmxBaseline", "OMMX_BASELINE", "example.com/p:proj", "example.com/p:env", null, "example.com/p:env")]
    [InlineData("OmmxBaseline", "OMMX_BASELINE", "example.com/p:proj", "example.com/p:env", "example.com/p:cli", "example.com/p:cli")]
    [InlineData("OmmxFailOnRegression", "OMMX_FAIL_ON_REGRESSION", "false", "true", null, "true")]
    [InlineData("OmmxFailOnRegression", "OMMX_FAIL_ON_REGRESSION", "false", "true", "false", "false")]
    [InlineData("OmmxSummaryFile", "OMMX_SUMMARY_FILE", "proj.md", "env.md", null, "env.md")]
    [InlineData("OmmxSummaryFile", "OMMX_SUMMARY_FILE", "proj.md", "env.md", "cli.md", "cli.md")]
    public void GateSettings_CommandLineThenEnvironmentThenProjectFile(string property, string variable, string inProject, string inEnvironment, string? onCommandLine, string expected)
    {
        var path = WriteProject("net10.0", $"<{property}>{inProject}</{property}>");
        var global = onCommandLine is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [property] = onCommandLine };
        var previous = Environment.GetEnvironmentVariable(variable);
        Environment.SetEnvironmentVariable(variable, inEnvironment);
        try
        {
            using var withEnvironment = new ProjectCollection();
            Assert.Equal(expected, withEnvironment.LoadProject(path, global, null).GetPropertyValue(property));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, previous);
        }
    }

    [Fact]
    public void Defaults_FromPropsWhenNothingSet()
    {
        var project = collection.LoadProject(WriteProject("net10.0"));

        Assert.Equal("true", project.GetPropertyValue("OmmxEnabled"));
        Assert.Equal("true", project.GetPropertyValue("OmmxCommitAfterTest"));
        Assert.Equal("24h", project.GetPropertyValue("OmmxGcGracePeriod"));
        Assert.Equal("false", project.GetPropertyValue("OmmxGcDelete"));
    }

    [Fact]
    public void Report_OffByDefault_FileNextToTheTestResultsPerFramework()
    {
        var path = WriteProject("net10.0");

        var project = collection.LoadProject(path);
        Assert.Equal("false", project.GetPropertyValue("OmmxReport"));
        Assert.Equal(Path.Combine(Path.GetDirectoryName(path)!, "TestResults", Path.GetFileNameWithoutExtension(path) + "-net10.0.ommx-report.html"), project.GetPropertyValue("OmmxReportFile"));

        var results = Path.Combine(Path.GetDirectoryName(path)!, "ci-results");
        using var withResults = new ProjectCollection(new Dictionary<string, string> { ["OmmxReport"] = "true", ["VSTestResultsDirectory"] = results });
        var withResultsProject = withResults.LoadProject(path);
        Assert.Equal("true", withResultsProject.GetPropertyValue("OmmxReport"));
        Assert.Equal(Path.Combine(results, Path.GetFileNameWithoutExtension(path) + "-net10.0.ommx-report.html"), withResultsProject.GetPropertyValue("OmmxReportFile"));

        using var chosen = new ProjectCollection(new Dictionary<string, string> { ["OmmxReportFile"] = "reports/mine.html" });
        Assert.Equal("reports/mine.html", chosen.LoadProject(path).GetPropertyValue("OmmxReportFile"));
    }

    [Fact]
    public void Report_FinishTaskReceivesTheSwitchAndThePath()
    {
        var instance = collection.LoadProject(WriteProject("net10.0", "<OmmxReport>true</OmmxReport>")).CreateProjectInstance();

        var finish = instance.Targets["VSTest"].Children.OfType<Microsoft.Build.Execution.ProjectTaskInstance>().Single(t => t.Name == "OmmxFinishTestRun");
        Assert.Equal("$(OmmxReport)", finish.Parameters["ReportEnabled"]);
        Assert.Equal("$(OmmxReportFile)", finish.Parameters["ReportPath"]);
    }

    [Theory]
    [InlineData("", "Ommx.Integration.MSBuild.VSTest.targets")]
    [InlineData("<OmmxCommitAfterTest>false</OmmxCommitAfterTest>", "Microsoft.TestPlatform.targets")]
    [InlineData("<OmmxEnabled>false</OmmxEnabled>", "Microsoft.TestPlatform.targets")]
    public void VSTestTarget_InnerBuild_RedefinedUnlessSwitchedOffByImport(string properties, string definedIn)
    {
        var instance = collection.LoadProject(WriteProject("net10.0", properties)).CreateProjectInstance();

        Assert.Equal(definedIn, Path.GetFileName(instance.Targets["VSTest"].FullPath));
        Assert.Equal(definedIn.StartsWith("Ommx", StringComparison.Ordinal), instance.Targets.ContainsKey("OmmxBeginTestRun"));
    }

    [Fact]
    public void VSTestTarget_OuterMultiTargetingBuild_LeftToTheSdkAndMaintenanceTargetsPresent()
    {
        var instance = collection.LoadProject(WriteProject("net9.0;net10.0")).CreateProjectInstance();

        Assert.Equal("true", instance.GetPropertyValue("IsCrossTargetingBuild"));
        Assert.Equal("Microsoft.TestPlatform.CrossTargeting.targets", Path.GetFileName(instance.Targets["VSTest"].FullPath));
        Assert.True(instance.Targets.ContainsKey("OmmxGc"));
    }

    [Fact]
    public void OmmxGcTarget_RunInProcess_PrintsReportForTheGivenRoot()
    {
        using var registry = new TempRegistry();
        registry.Registry.Blobs.Put([1, 2, 3, 4]);
        var instance = collection.LoadProject(WriteProject("net10.0"), new Dictionary<string, string> { ["OmmxLocalRegistryRoot"] = registry.Root, ["OmmxGcGracePeriod"] = "0s" }, null).CreateProjectInstance();
        var logger = new MessageCollector();

        Assert.True(instance.Build(["OmmxGc"], [logger]), string.Join('\n', logger.Lines));

        Assert.Contains(logger.Lines, l => l.Contains(registry.Root, StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.Contains("1 candidate blob(s)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("$(TargetFrameworks);net10.0", "example.com/team/tfm:v1")]
    [InlineData("net9.0;net10.0", "example.com/team/tfm:v1-net10.0")]
    public void OmmxBeginTestRun_InnerBuild_OnlyNonEmptyTargetFrameworksMakeTheTagFrameworkSpecific(string targetFrameworks, string expectedImage)
    {
        using var registry = new TempRegistry();
        var path = WriteProject("net10.0", $"<TargetFrameworks>{targetFrameworks}</TargetFrameworks>");
        var global = new Dictionary<string, string>
        {
            ["TargetFramework"] = "net10.0",
            ["OmmxLocalRegistryRoot"] = registry.Root,
            ["OmmxExperimentName"] = "example.com/team/tfm:v1",
            // As `dotnet test --no-build` runs it: without, the target builds the (unrestored) project first.
            ["VSTestNoBuild"] = "true",
        };
        var instance = collection.LoadProject(path, global, null).CreateProjectInstance();
        var logger = new MessageCollector();

        Assert.True(instance.Build(["OmmxBeginTestRun"], [logger]), string.Join('\n', logger.Lines));

        var session = new Ommx.Integration.Testing.Sessions.TestRunSessions(registry.Registry).Get(instance.GetPropertyValue("_OmmxSessionId"));
        Assert.Equal(expectedImage, session.ImageName);
    }

    [Theory]
    [InlineData("<ItemGroup><OmmxAnnotation Include=\"org.ommx.team\" Value=\"solvers\" /></ItemGroup>", "error OMMX1005: OmmxAnnotation org.ommx.team: keys under org.ommx. are reserved")]
    [InlineData("<PropertyGroup><OmmxEnabled>ture</OmmxEnabled></PropertyGroup>", "error OMMX1006: OmmxEnabled must be true or false, not 'ture'.")]
    [InlineData("<PropertyGroup><OmmxCommitAfterTest>maybe</OmmxCommitAfterTest></PropertyGroup>", "error OMMX1006: OmmxCommitAfterTest must be true or false, not 'maybe'.")]
    [InlineData("<PropertyGroup><OmmxFailOnRegression>yes please</OmmxFailOnRegression></PropertyGroup>", "error OMMX1065: OmmxFailOnRegression must be true or false, not 'yes please'.")]
    [InlineData("<ItemGroup><OmmxMetric Include=\"objective\" Goal=\"up\" /></ItemGroup>", "error OMMX1060: OmmxMetric objective: Goal must be maximize or minimize")]
    [InlineData("<ItemGroup><OmmxMetric Include=\"gap\" /></ItemGroup>", "error OMMX1060: OmmxMetric gap: Goal must be maximize or minimize")]
    public void XunitTargets_InvalidSetting_BuildErrorNamingTheProperty(string setting, string expectedError)
    {
        var instance = collection.LoadProject(WriteXunitProject(setting)).CreateProjectInstance();
        var logger = new MessageCollector();

        Assert.False(instance.Build(["_OmmxValidateSettings"], [logger]));

        Assert.Contains(logger.Lines, l => l.StartsWith(expectedError, StringComparison.Ordinal));
    }

    [Fact]
    public void XunitTargets_OmmxMetric_TravelsToTheTestAssemblyAsMetadata()
    {
        var instance = collection.LoadProject(WriteXunitProject(
            "<ItemGroup><OmmxMetric Include=\"objective\" Goal=\"Maximize\" Tolerance=\"1e-6\" /><OmmxMetric Include=\"test.duration_seconds\" Goal=\"minimize\" RelativeTolerance=\"0.5\" /></ItemGroup>")).CreateProjectInstance();
        var logger = new MessageCollector();

        Assert.True(instance.Build(["_OmmxValidateSettings", "_OmmxMetricMetadata"], [logger]), string.Join('\n', logger.Lines));

        var metadata = instance.GetItems("AssemblyMetadata").Where(i => i.EvaluatedInclude.StartsWith("Ommx.Metric:", StringComparison.Ordinal))
            .ToDictionary(i => i.EvaluatedInclude, i => i.GetMetadataValue("Value"));
        Assert.Equal("Maximize;1e-6;", metadata["Ommx.Metric:objective"]);
        Assert.Equal("minimize;;0.5", metadata["Ommx.Metric:test.duration_seconds"]);
    }

    [Fact]
    public void XunitTargets_ValidSettings_NoError()
    {
        var instance = collection.LoadProject(WriteXunitProject("<ItemGroup><OmmxAnnotation Include=\"com.example.team\" Value=\"solvers\" /></ItemGroup>")).CreateProjectInstance();
        var logger = new MessageCollector();

        Assert.True(instance.Build(["_OmmxValidateSettings"], [logger]), string.Join('\n', logger.Lines));
    }

    /// <summary>
    /// A class library that references the package (a shared helper library next to the test project, say) is built by
    /// every <c>dotnet build</c>/<c>dotnet test</c> of the solution: none of the package's targets that hook into a build
    /// may run there. Each such target (found in the evaluated project, so a new one is covered too) is requested alone:
    /// in the library its condition keeps it from starting; in the test project the same list does run.
    /// </summary>
    [Fact]
    public void XunitTargets_NotATestProject_NoOmmxTargetOrTaskRunsInAnyBuildStep()
    {
        var library = collection.LoadProject(WriteXunitProject("", isTestProject: false, withTestRunTargets: true)).CreateProjectInstance();
        var hooked = library.Targets.Values
            .Where(t => t.Name.StartsWith("Ommx", StringComparison.Ordinal) || t.Name.StartsWith("_Ommx", StringComparison.Ordinal))
            .Where(t => t.BeforeTargets.Length > 0 || t.AfterTargets.Length > 0)
            .Select(t => t.Name)
            .ToList();
        Assert.Contains("_OmmxValidateSettings", hooked);
        Assert.Contains("_OmmxGitMetadata", hooked);
        Assert.Contains("OmmxBeginTestRun", hooked);

        var inLibrary = new MessageCollector();
        foreach (var target in hooked)
        {
            library.Build([target], [inLibrary]);
        }

        Assert.DoesNotContain(inLibrary.Lines, l => l.StartsWith("target ", StringComparison.Ordinal) || l.StartsWith("task ", StringComparison.Ordinal));

        var testProject = collection.LoadProject(WriteXunitProject("", withTestRunTargets: true)).CreateProjectInstance();
        var inTestProject = new MessageCollector();
        Assert.True(testProject.Build(["_OmmxValidateSettings"], [inTestProject]), string.Join('\n', inTestProject.Lines));
        Assert.Contains("target _OmmxValidateSettings", inTestProject.Lines);
    }

    /// <summary>
    /// The v2 package next to xunit.v3.core stops the build with the error naming the right package, in any kind of
    /// project: an xunit v3 test project on Microsoft.Testing.Platform (no IsTestProject, IsTestingPlatformApplication
    /// instead) or a library of shared test helpers (neither). Otherwise the user gets CS0433 and nothing saying why.
    /// Without xunit.v3.core the check does not even start.
    /// </summary>
    [Theory]
    [InlineData("<IsTestProject></IsTestProject><IsTestingPlatformApplication>true</IsTestingPlatformApplication>")]
    [InlineData("<IsTestProject>false</IsTestProject>")]
    public void XunitTargets_AnyProjectReferencingXunitV3Core_WrongGenerationCheckStopsTheBuild(string kind)
    {
        var withV3 = collection.LoadProject(WriteXunitProject(
            $"<PropertyGroup>{kind}</PropertyGroup><ItemGroup><ReferencePath Include=\"lib/xunit.v3.core.dll\" /></ItemGroup>")).CreateProjectInstance();
        var logger = new MessageCollector();

        Assert.False(withV3.Build(["_OmmxCheckXunitVersion"], [logger]), string.Join('\n', logger.Lines));
        Assert.Contains(logger.Lines, l => l.StartsWith("error OMMX1090", StringComparison.Ordinal) && l.Contains("Ommx.Integration.XunitV3", StringComparison.Ordinal));

        var withoutV3 = collection.LoadProject(WriteXunitProject($"<PropertyGroup>{kind}</PropertyGroup>")).CreateProjectInstance();
        var quiet = new MessageCollector();
        Assert.True(withoutV3.Build(["_OmmxCheckXunitVersion"], [quiet]), string.Join('\n', quiet.Lines));
        Assert.DoesNotContain("target _OmmxCheckXunitVersion", quiet.Lines);
    }

    /// <summary>
    /// The xunit v3 package in a Microsoft.Testing.Platform project (no IsTestProject): the declared annotations and the git
    /// commit must reach the test assembly, which is the only way they reach the Experiment there.
    /// </summary>
    [Fact]
    public void XunitV3Targets_TestingPlatformApplicationWithoutIsTestProject_AnnotationsAndGitCommitReachTheAssembly()
    {
        var path = WriteXunitV3Project("""
            <PropertyGroup><IsTestingPlatformApplication>true</IsTestingPlatformApplication></PropertyGroup>
            <ItemGroup><OmmxAnnotation Include="com.example.problem" Value="knapsack" /></ItemGroup>
            """);
        var directory = Path.GetDirectoryName(path)!;
        Git(directory, "init", "-q", "-b", "trunk");
        Git(directory, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "first");
        var instance = collection.LoadProject(path).CreateProjectInstance();
        var logger = new MessageCollector();

        Assert.True(instance.Build(["_OmmxGitMetadata"], [logger]), string.Join('\n', logger.Lines));

        var metadata = instance.GetItems("AssemblyMetadata").ToDictionary(i => i.EvaluatedInclude, i => i.GetMetadataValue("Value"));
        Assert.Equal("knapsack", metadata["Ommx.Annotation:com.example.problem"]);
        Assert.Equal(Git(directory, "rev-parse", "HEAD"), metadata["Ommx.GitCommit"]);
    }

    [Fact]
    public void XunitTargets_GitMetadata_NotATestProject_NoGitProcess()
    {
        var path = WriteXunitProject("", isTestProject: false);
        Git(Path.GetDirectoryName(path)!, "init", "-q");
        Git(Path.GetDirectoryName(path)!, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "first");
        var instance = collection.LoadProject(path).CreateProjectInstance();
        var logger = new MessageCollector();

        Assert.True(instance.Build(["_OmmxGitMetadata"], [logger]), string.Join('\n', logger.Lines));

        Assert.DoesNotContain("task Exec", logger.Lines);
        Assert.DoesNotContain(instance.GetItems("AssemblyMetadata"), i => i.EvaluatedInclude == "Ommx.GitCommit");
    }

    [Fact]
    public void XunitTargets_GitMetadata_TestProject_OneGitProcessForCommitAndBranchAndCommitCachedInObj()
    {
        var path = WriteXunitProject("");
        var directory = Path.GetDirectoryName(path)!;
        Git(directory, "init", "-q", "-b", "trunk");
        Git(directory, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "first");
        var head = Git(directory, "rev-parse", "HEAD");
        var instance = collection.LoadProject(path).CreateProjectInstance();
        var logger = new MessageCollector();

        Assert.True(instance.Build(["_OmmxGitMetadata"], [logger]), string.Join('\n', logger.Lines));

        Assert.Single(logger.Lines, l => l == "task Exec");
        var metadata = instance.GetItems("AssemblyMetadata").ToDictionary(i => i.EvaluatedInclude, i => i.GetMetadataValue("Value"));
        Assert.Equal(head, metadata["Ommx.GitCommit"]);
        Assert.Equal("trunk", metadata["Ommx.GitBranch"]);
        Assert.Equal(head, File.ReadAllText(Path.Combine(directory, instance.GetPropertyValue("IntermediateOutputPath").Replace('\\', '/'), "ommx-git-commit.txt")).Trim());
    }

    [Fact]
    public void OmmxBeginTestRun_CommitCachedByTheBuild_UsedForTheFreshTagWithoutRunningGit()
    {
        using var registry = new TempRegistry();
        var path = WriteProject("net10.0");
        var global = new Dictionary<string, string>
        {
            ["OmmxLocalRegistryRoot"] = registry.Root,
            ["OmmxExperimentRepository"] = "example.com/team/cached",
            ["VSTestNoBuild"] = "true",
        };
        var instance = collection.LoadProject(path, global, null).CreateProjectInstance();
        var cache = Path.Combine(Path.GetDirectoryName(path)!, instance.GetPropertyValue("IntermediateOutputPath").Replace('\\', '/'), "ommx-git-commit.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
        File.WriteAllText(cache, "0123456789abcdef0123456789abcdef01234567\n");
        var logger = new MessageCollector();

        Assert.True(instance.Build(["OmmxBeginTestRun"], [logger]), string.Join('\n', logger.Lines));

        Assert.DoesNotContain("task Exec", logger.Lines);
        var session = new Ommx.Integration.Testing.Sessions.TestRunSessions(registry.Registry).Get(instance.GetPropertyValue("_OmmxSessionId"));
        Assert.EndsWith("-0123456", session.ImageName, StringComparison.Ordinal);
    }

    private static string Git(string directory, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {errors}");
        return output.Trim();
    }

    /// <summary>
    /// A project referencing both packages sees the MSBuild step twice (the xunit package carries a copy): NuGet
    /// imports both packages' props, then both packages' targets. Only one copy's tasks and targets are imported.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BothPackages_SameVersion_OneCopyOfTheTasksAndTargets(bool xunitFirst)
    {
        var project = collection.LoadProject(WriteBothPackagesProject("1.2.0", "1.2.0", xunitFirst));
        var instance = project.CreateProjectInstance();

        foreach (var file in new[] { "Ommx.Integration.MSBuild.Tasks.targets", "Ommx.Integration.MSBuild.VSTest.targets" })
        {
            Assert.Single(project.Imports, i => Path.GetFileName(i.ImportedProject.FullPath) == file);
        }

        Assert.Equal(2, project.Imports.Count(i => Path.GetFileName(i.ImportedProject.FullPath) == "Ommx.Integration.MSBuild.props"));
        var chosen = xunitFirst ? "ommx.integration.xunit" : "ommx.integration.msbuild";
        Assert.Contains(Path.Combine(chosen, "1.2.0", "build"), instance.Targets["VSTest"].FullPath, StringComparison.Ordinal);
        Assert.Empty(instance.GetPropertyValue("_OmmxIntegrationSkew"));
        Assert.True(instance.Build(["_OmmxRejectVersionSkew"], [new MessageCollector()]));
    }

    /// <summary>With version skew neither copy silently wins: the build stops with OMMX1050 naming both versions.</summary>
    [Fact]
    public void BothPackages_DifferentVersions_ErrorOmmx1050NamingBoth()
    {
        var instance = collection.LoadProject(WriteBothPackagesProject("1.2.0", "1.1.0", xunitFirst: true)).CreateProjectInstance();
        var logger = new MessageCollector();

        Assert.False(instance.Build(["OmmxListExperiments"], [logger]));

        var error = Assert.Single(logger.Lines, l => l.StartsWith("error ", StringComparison.Ordinal));
        Assert.StartsWith("error OMMX1050: ", error, StringComparison.Ordinal);
        Assert.Contains("ommx.integration.msbuild 1.1.0 and ommx.integration.xunit 1.2.0", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// The package carries the tasks twice: IL in tasks/net10.0/ and precompiled for linux-x64 in tasks/net10.0-linux-x64/.
    /// The UsingTask path takes the precompiled folder only when the running MSBuild's RID is exactly linux-x64 (the
    /// runtime refuses a ReadyToRun image for another platform), the IL folder for every other RID and when the package
    /// has no precompiled folder. <c>null</c>: the RID of the MSBuild running this test (linux-x64 on the CI machines).
    /// </summary>
    [Theory]
    [InlineData("linux-x64", true, "net10.0-linux-x64")]
    [InlineData("win-x64", true, "net10.0")]
    [InlineData("linux-arm64", true, "net10.0")]
    [InlineData("linux-musl-x64", true, "net10.0")]
    [InlineData("osx-arm64", true, "net10.0")]
    [InlineData("ubuntu.24.04-x64", true, "net10.0")]
    [InlineData("linux-x64", false, "net10.0")]
    [InlineData(null, true, null)]
    public void TasksAssembly_ChosenByTheRunningMSBuildsRuntimeIdentifier_PrecompiledOnlyOnLinuxX64(string? runtimeIdentifier, bool withReadyToRunFolder, string? expectedFolder)
    {
        var packageRoot = temp.Combine($"R{Guid.NewGuid():N}", "ommx.integration.msbuild", "1.2.0");
        var build = Path.Combine(packageRoot, "build");
        LayOutMSBuildPackage(build, withReadyToRunFolder ? ["net10.0", "net10.0-linux-x64"] : ["net10.0"]);
        var path = WriteSdkProject(
            Path.Combine(packageRoot, "..", "P", "P.csproj"),
            $"""<Import Project="{build}/Ommx.Integration.MSBuild.props" />""",
            "<PropertyGroup><TargetFramework>net10.0</TargetFramework><IsTestProject>true</IsTestProject></PropertyGroup>",
            $"""<Import Project="{build}/Ommx.Integration.MSBuild.targets" />""");
        var global = runtimeIdentifier is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["_OmmxTasksRuntimeIdentifier"] = runtimeIdentifier };
        expectedFolder ??= System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier == "linux-x64" ? "net10.0-linux-x64" : "net10.0";

        var project = collection.LoadProject(path, global, toolsVersion: null);

        var chosen = Path.GetFullPath(project.GetPropertyValue("_OmmxTasksAssembly"));
        Assert.Equal(Path.GetFullPath(Path.Combine(packageRoot, "tasks", expectedFolder, "Ommx.Integration.MSBuild.dll")), chosen);
        var tasksTargets = Assert.Single(project.Imports, i => Path.GetFileName(i.ImportedProject.FullPath) == "Ommx.Integration.MSBuild.Tasks.targets").ImportedProject;
        var usingTask = Assert.Single(tasksTargets.UsingTasks, u => u.TaskName == "Ommx.Integration.MSBuild.OmmxFinishTestRun");
        Assert.Equal("$(_OmmxTasksAssembly)", usingTask.AssemblyFile);
    }

    /// <summary>Lays out the two packages' build folders as in the NuGet cache and imports them as NuGet does.</summary>
    private string WriteBothPackagesProject(string xunitVersion, string msbuildVersion, bool xunitFirst)
    {
        var packages = temp.Combine($"N{Guid.NewGuid():N}");
        var xunit = Path.Combine(packages, "ommx.integration.xunit", xunitVersion, "build");
        var msbuild = Path.Combine(packages, "ommx.integration.msbuild", msbuildVersion, "build");
        foreach (var folder in new[] { xunit, msbuild })
        {
            LayOutMSBuildPackage(folder, "net10.0");
        }

        var xunitSource = Path.Combine(TestPaths.RepoRoot, "src", "Ommx.Integration.Xunit", "buildTransitive");
        File.Copy(Path.Combine(xunitSource, "Ommx.Integration.Xunit.props"), Path.Combine(xunit, "Ommx.Integration.Xunit.props"));
        File.Copy(Path.Combine(xunitSource, "Ommx.Integration.Xunit.targets"), Path.Combine(xunit, "Ommx.Integration.Xunit.targets"));
        var (first, second) = xunitFirst ? (Path.Combine(xunit, "Ommx.Integration.Xunit"), Path.Combine(msbuild, "Ommx.Integration.MSBuild")) : (Path.Combine(msbuild, "Ommx.Integration.MSBuild"), Path.Combine(xunit, "Ommx.Integration.Xunit"));
        return WriteSdkProject(
            Path.Combine(packages, "P", "P.csproj"),
            $"""<Import Project="{first}.props" /><Import Project="{second}.props" />""",
            "<PropertyGroup><TargetFramework>net10.0</TargetFramework><IsTestProject>true</IsTestProject></PropertyGroup>",
            $"""<Import Project="{first}.targets" /><Import Project="{second}.targets" />""");
    }

    /// <summary>A test project importing the xunit package's props and targets (which bring the MSBuild ones in the package).</summary>
    private string WriteXunitProject(string settings, bool isTestProject = true, bool withTestRunTargets = false) =>
        WriteAdapterProject(
            "Ommx.Integration.Xunit",
            $"<PropertyGroup><IsTestProject>{(isTestProject ? "true" : "false")}</IsTestProject></PropertyGroup>\n{settings}",
            withTestRunTargets ? $"<PropertyGroup><_OmmxTasksAssembly>{TasksDll}</_OmmxTasksAssembly></PropertyGroup><Import Project=\"{BuildDir}/Ommx.Integration.MSBuild.targets\" />" : string.Empty);

    /// <summary>A project importing the xunit v3 package's props and targets, as Microsoft.Testing.Platform projects do (no IsTestProject).</summary>
    private string WriteXunitV3Project(string settings) => WriteAdapterProject("Ommx.Integration.XunitV3", settings, string.Empty);

    /// <summary>A net10.0 project importing the MSBuild package's props and an adapter package's build files from the source tree.</summary>
    private string WriteAdapterProject(string package, string settings, string afterTargets)
    {
        var build = Path.Combine(TestPaths.RepoRoot, "src", package, "buildTransitive");
        return WriteSdkProject(
            temp.Combine($"X{Guid.NewGuid():N}", "X.csproj"),
            $"""<Import Project="{BuildDir}/Ommx.Integration.MSBuild.props" /><Import Project="{build}/{package}.props" />""",
            $"<PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n{settings}",
            $"""<Import Project="{build}/{package}.targets" />{afterTargets}""");
    }

    private string WriteProject(string frameworks, string properties = "")
    {
        var tfm = frameworks.Contains(';', StringComparison.Ordinal) ? $"<TargetFrameworks>{frameworks}</TargetFrameworks>" : $"<TargetFramework>{frameworks}</TargetFramework>";
        return WriteSdkProject(
            temp.Combine($"P{Guid.NewGuid():N}", "P.csproj"),
            $"""<Import Project="{BuildDir}/Ommx.Integration.MSBuild.props" />""",
            $"<PropertyGroup>{tfm}<IsTestProject>true</IsTestProject>{properties}</PropertyGroup>",
            $"""
            <PropertyGroup><_OmmxTasksAssembly>{TasksDll}</_OmmxTasksAssembly></PropertyGroup>
            <Import Project="{BuildDir}/Ommx.Integration.MSBuild.targets" Condition="'$(IsCrossTargetingBuild)' != 'true'" />
            <Import Project="{BuildDir}/../buildMultiTargeting/Ommx.Integration.MSBuild.targets" Condition="'$(IsCrossTargetingBuild)' == 'true'" />
            """);
    }

    /// <summary>
    /// An SDK project at <paramref name="path"/>, kept apart from the repository's Directory.Build files: Sdk.props, then
    /// <paramref name="afterSdkProps"/>, <paramref name="body"/>, Sdk.targets, then <paramref name="afterSdkTargets"/>.
    /// </summary>
    private static string WriteSdkProject(string path, string afterSdkProps, string body, string afterSdkTargets)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(path, $"""
            <Project>
              <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
              {afterSdkProps}
              {body}
              <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
              {afterSdkTargets}
            </Project>
            """);
        return path;
    }

    /// <summary>The MSBuild package as in the NuGet cache: its build files in <paramref name="build"/>, its tasks assembly in each of <paramref name="taskFolders"/> under tasks/ next to it.</summary>
    private static void LayOutMSBuildPackage(string build, params string[] taskFolders)
    {
        Directory.CreateDirectory(build);
        foreach (var file in Directory.EnumerateFiles(BuildDir, "Ommx.Integration.MSBuild*"))
        {
            File.Copy(file, Path.Combine(build, Path.GetFileName(file)));
        }

        foreach (var folder in taskFolders)
        {
            var tasks = Path.Combine(build, "..", "tasks", folder);
            Directory.CreateDirectory(tasks);
            File.Copy(TasksDll, Path.Combine(tasks, "Ommx.Integration.MSBuild.dll"));
        }
    }

    public void Dispose()
    {
        collection.UnloadAllProjects();
        collection.Dispose();
        temp.Dispose();
    }

    private sealed class MessageCollector : ILogger
    {
        public List<string> Lines { get; } = [];

        public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Normal;

        public string? Parameters { get; set; }

        public void Initialize(IEventSource eventSource)
        {
            eventSource.MessageRaised += (_, e) => Lines.Add(e.Message ?? string.Empty);
            eventSource.TaskStarted += (_, e) => Lines.Add("task " + e.TaskName);
            eventSource.TargetStarted += (_, e) => Lines.Add("target " + e.TargetName);
            eventSource.ErrorRaised += (_, e) => Lines.Add("error " + e.Code + ": " + e.Message);
            eventSource.WarningRaised += (_, e) => Lines.Add("warning " + e.Code + ": " + e.Message);
        }

        public void Shutdown()
        {
        }
    }
}
