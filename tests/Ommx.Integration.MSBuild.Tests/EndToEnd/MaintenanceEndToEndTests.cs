using System.Diagnostics;
using Ommx.Integration.Experiments;
using Ommx.Integration.MSBuild.Tests.TestSupport;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Xunit.Abstractions;

namespace Ommx.Integration.MSBuild.Tests.EndToEnd;

/// <summary><c>dotnet build -t:OmmxGc</c> and the recovery of a <c>dotnet test</c> killed as a whole.</summary>
[Trait("Category", "EndToEnd")]
[Collection(EndToEndCollection.Name)]
public sealed class MaintenanceEndToEndTests(PackedFeed feed, ITestOutputHelper output)
{
    private const string Tests = """
        using Ommx.Integration.Xunit;

        namespace E2E;

        public sealed class Tests
        {
            [Theory, InlineData(1), InlineData(2), InlineData(3)]
            public void Case(int i)
            {
                OmmxRun.Current.LogText("notes.txt", "case " + i + " " + Environment.GetEnvironmentVariable("E2E_SALT"));
                if (i == 3 && Environment.GetEnvironmentVariable("E2E_HANG") == "1")
                {
                    File.WriteAllText(Environment.GetEnvironmentVariable("E2E_READY")!, "ready");
                    Thread.Sleep(TimeSpan.FromMinutes(5));
                }
            }
        }
        """;

    [Fact]
    public void OmmxGc_DeleteWithZeroGraceAfterRm_ReclaimsExactlyThatExperimentsUniqueBlobs()
    {
        using var project = new ConsumerProject(feed);
        project.AddProject("E2E", new Dictionary<string, string> { ["Tests.cs"] = Tests, ["Order.cs"] = ScratchSources.OrderByName }, extraProperties: "<OmmxExperimentRepository>example.com/e2e/gc</OmmxExperimentRepository>");
        Assert.Equal(0, project.Dotnet(["build"], inProject: "E2E").ExitCode);
        Assert.Equal(0, project.Dotnet(["test", "--no-build"], new Dictionary<string, string?> { ["E2E_SALT"] = "first" }, "E2E").ExitCode);
        Assert.Equal(0, project.Dotnet(["test", "--no-build"], new Dictionary<string, string?> { ["E2E_SALT"] = "second" }, "E2E").ExitCode);

        using (var registry = LocalRegistry.Open(project.RegistryRoot))
        {
            var latest = registry.Resolve(ImageReference.Parse("example.com/e2e/gc:latest"));
            var older = ExperimentCatalog.List(registry, "example.com/e2e/gc:").Experiments.Single(e => e.ManifestDigest != latest && !e.ImageName.EndsWith(":latest", StringComparison.Ordinal));
            var keep = registry.ListRefs().Where(r => r.ImageName != older.ImageName).SelectMany(r => Closure(registry, Digest.Parse(r.ManifestDigest))).ToHashSet();
            var expected = Closure(registry, older.ManifestDigest).Where(d => !keep.Contains(d)).ToHashSet();
            Assert.NotEmpty(expected);
            registry.Remove(older.Image);

            var dry = project.Dotnet(["build", "-t:OmmxGc", "-p:OmmxGcGracePeriod=0s"], inProject: "E2E");
            output.WriteLine(dry.Output);
            Assert.Equal(0, dry.ExitCode);
            Assert.Contains($"{expected.Count} candidate blob(s)", dry.Output, StringComparison.Ordinal);
            Assert.All(expected, d => Assert.True(registry.Blobs.Exists(d)));

            var delete = project.Dotnet(["build", "-t:OmmxGc", "-p:OmmxGcGracePeriod=0s", "-p:OmmxGcDelete=true"], inProject: "E2E");
            output.WriteLine(delete.Output);
            Assert.Equal(0, delete.ExitCode);
            Assert.All(expected, d => Assert.False(registry.Blobs.Exists(d), $"{d} should be deleted"));
            Assert.All(keep, d => Assert.True(registry.Blobs.Exists(d), $"{d} should be kept"));
        }

        using var reloaded = Experiment.Load("example.com/e2e/gc:latest", project.RegistryRoot);
        Assert.Equal(3, reloaded.Runs.Count);
        Assert.All(reloaded.Runs, r => Assert.Contains("second", System.Text.Encoding.UTF8.GetString(r.GetAttachmentBytes("notes.txt")), StringComparison.Ordinal));
    }

    [Fact]
    public void DotnetTestKilledAsAWhole_NextOmmxGc_TurnsItIntoInterruptedCheckpoint()
    {
        using var project = new ConsumerProject(feed);
        project.AddProject("E2E", new Dictionary<string, string> { ["Tests.cs"] = Tests, ["Order.cs"] = ScratchSources.OrderByName }, extraProperties: "<OmmxExperimentRepository>example.com/e2e/killed</OmmxExperimentRepository><XunitParallelizeTestCollections>false</XunitParallelizeTestCollections>");
        Assert.Equal(0, project.Dotnet(["build"], inProject: "E2E").ExitCode);
        var ready = Path.Combine(project.Directory, "ready.txt");

        using (var run = StartDotnetTest(project, ready, feed.PackageCache))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!File.Exists(ready) && DateTime.UtcNow < deadline && !run.HasExited)
            {
                Thread.Sleep(100);
            }

            Assert.True(File.Exists(ready), "the hanging test never started");
            run.Kill(entireProcessTree: true);
            run.WaitForExit();
        }

        var gc = project.Dotnet(["build", "-t:OmmxGc"], inProject: "E2E");
        output.WriteLine(gc.Output);
        Assert.Equal(0, gc.ExitCode);
        Assert.Contains("warning OMMX1004", gc.Output, StringComparison.Ordinal);
        Assert.Contains("stopped before its commit step", gc.Output, StringComparison.Ordinal);

        using var checkpoint = Experiment.Load("example.com/e2e/killed:latest-failed", project.RegistryRoot);
        Assert.Equal(ExperimentStatus.Interrupted, checkpoint.Status);
        Assert.Equal(2, checkpoint.Runs.Count);
        Assert.Contains("Case(i: 3)", checkpoint.LifecycleReason, StringComparison.Ordinal);
    }

    private static Process StartDotnetTest(ConsumerProject project, string ready, string packageCache)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.Combine(project.Directory, "E2E"), UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in new[] { "test", "--no-build" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NUGET_PACKAGES"] = packageCache;
        info.Environment["OMMX_LOCAL_REGISTRY_ROOT"] = project.RegistryRoot;
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["E2E_HANG"] = "1";
        info.Environment["E2E_READY"] = ready;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    private static IEnumerable<Digest> Closure(LocalRegistry registry, Digest manifest)
    {
        var stored = registry.ReadManifest(manifest);
        yield return manifest;
        yield return stored.Manifest.Config.Digest;
        foreach (var layer in stored.Manifest.Layers)
        {
            yield return layer.Digest;
        }

        if (stored.Manifest.Subject is { } subject)
        {
            foreach (var d in Closure(registry, subject.Digest))
            {
                yield return d;
            }
        }
    }
}
