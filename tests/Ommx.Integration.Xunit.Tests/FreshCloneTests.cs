using System.Diagnostics;
using System.Xml.Linq;
using Ommx.Integration.Registry;
using Xunit.Abstractions;

namespace Ommx.Integration.Xunit.Tests;

/// <summary>
/// The repository as a fresh clone sees it: only the files git tracks, nothing built, no machine-local
/// package folder. The README's main job must work there as written.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class FreshCloneTests(ITestOutputHelper output)
{
    [Fact]
    public void NuGetConfig_NamesOnlyRemoteFeeds_SoRestoreWorksOnAnyMachine()
    {
        var config = XDocument.Load(Path.Combine(TestPaths.RepoRoot, "nuget.config"));
        var sources = config.Descendants("packageSources").Elements("add").Select(e => (string)e.Attribute("value")!).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.StartsWith("https://", s, StringComparison.Ordinal));
    }

    [Fact]
    public void TrackedFiles_NameNoPathOfThisBuildMachine()
    {
        var machineFolder = string.Join('/', string.Empty, "opt", "nuget");   // not written out, or this file would match itself
        var offenders = TrackedFiles()
            .Where(f => !f.StartsWith("tests/data/", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, f)).Contains(machineFolder, StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void MainJob_InCopyOfTrackedFilesWithNothingBuilt_CommitsTheSampleExperiment()
    {
        using var temp = new TempDirectory();
        var clone = temp.Combine("clone");
        foreach (var file in TrackedFiles())
        {
            var target = Path.Combine(clone, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(TestPaths.RepoRoot, file), target);
        }

        var registry = temp.Combine("registry");
        var (exitCode, text) = Run(clone, registry, "dotnet", "test", "samples/Knapsack.Tests");
        output.WriteLine(text);

        Assert.True(exitCode == 0, text);
        Assert.Contains("OMMX: committed example.com/ommx-integration/knapsack:", text, StringComparison.Ordinal);
        using var opened = LocalRegistry.Open(registry);
        Assert.Contains(opened.ListRefs(), r => r.Name == "example.com/ommx-integration/knapsack");
    }

    private static IReadOnlyList<string> TrackedFiles()
    {
        var (exitCode, text) = Run(TestPaths.RepoRoot, registry: null, "git", "ls-files", "-z");
        Assert.Equal(0, exitCode);
        return [.. text.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(TestPaths.RepoRoot, f)))];
    }

    private static (int ExitCode, string Output) Run(string directory, string? registry, string fileName, params string[] args)
    {
        var info = new ProcessStartInfo(fileName, args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        if (registry is not null)
        {
            info.Environment["OMMX_LOCAL_REGISTRY_ROOT"] = registry;
        }

        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment.Remove("OMMX_EXPERIMENT_NAME");
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        return (process.ExitCode, text);
    }
}
