using Ommx.Integration.Doctor;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Doctor;

/// <summary>The doctor as a core service: typed report of what it checked, found and repaired, on real registries.</summary>
public sealed class RegistryDoctorTests : IDisposable
{
    private readonly TempRegistry temp = new();

    [Fact]
    public void Run_HealthyRegistry_ReportsWhatItCheckedAndNoProblem()
    {
        temp.Commit("example.com/team/doctor:v1", "layer one"u8.ToArray(), "layer two"u8.ToArray());
        var blobs = BlobScan.Run(temp.Registry.Blobs).Blobs.Count;

        var report = RegistryDoctor.Run(temp.Registry, new DoctorOptions());

        Assert.True(report.Healthy);
        Assert.True(report.IndexIntact);
        Assert.Equal(["ok"], report.IntegrityCheck);
        Assert.Equal(temp.Root, report.Root);
        Assert.Equal(1, report.RefCount);
        Assert.Equal(1, report.ListedArtifacts);
        Assert.Equal(blobs, report.BlobCount);
        Assert.Equal(blobs, report.Rehashed);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void Run_Quick_ChecksSizesButHashesNothing()
    {
        temp.Commit("example.com/team/doctor:v1", "layer"u8.ToArray());

        var report = RegistryDoctor.Run(temp.Registry, new DoctorOptions { Quick = true });

        Assert.True(report.Quick);
        Assert.Equal(0, report.Rehashed);
        Assert.True(report.BlobCount > 0);
    }

    [Fact]
    public void Run_MissingLayer_OneProblemNamingEveryRefThatReachesIt_NotFixable()
    {
        var layer = "shared layer"u8.ToArray();
        temp.Commit("example.com/team/a:v1", layer);
        temp.Commit("example.com/team/b:v1", layer, "other"u8.ToArray());
        File.Delete(temp.Registry.Blobs.PathFor(Digest.Compute(layer)));

        var report = RegistryDoctor.Run(temp.Registry, new DoctorOptions { Fix = true });

        var problem = Assert.Single(report.Problems);
        Assert.Equal(DoctorProblemKind.MissingBlob, problem.Kind);
        Assert.Equal(Digest.Compute(layer).ToString(), problem.Subject);
        Assert.Equal(["example.com/team/a:v1", "example.com/team/b:v1"], problem.Refs);
        Assert.False(problem.Fixable);
        Assert.False(problem.Fixed);
        Assert.Contains("re-import", problem.Hint, StringComparison.Ordinal);
        Assert.False(report.Healthy);
    }

    [Fact]
    public void Run_CorruptUnreferencedBlob_ReportedWithoutFix_RemovedWithFix()
    {
        var digest = temp.Registry.Blobs.Put("good bytes"u8.ToArray());
        var path = temp.Registry.Blobs.PathFor(digest);
        File.WriteAllText(path, "rotten");

        var dry = RegistryDoctor.Run(temp.Registry, new DoctorOptions());

        var found = Assert.Single(dry.Problems);
        Assert.Equal((DoctorProblemKind.CorruptBlob, true, false), (found.Kind, found.Fixable, found.Fixed));
        Assert.False(dry.FixRequested);
        Assert.True(File.Exists(path));

        var repaired = RegistryDoctor.Run(temp.Registry, new DoctorOptions { Fix = true });

        Assert.True(Assert.Single(repaired.Problems).Fixed);
        Assert.True(repaired.Healthy);
        Assert.False(File.Exists(path));
        Assert.True(RegistryDoctor.Run(temp.Registry, new DoctorOptions()).Healthy);
    }

    [Fact]
    public void Run_StaleWriterTempFile_FixableAndRemovedByFix()
    {
        var directory = Path.GetDirectoryName(temp.Registry.Blobs.PathFor(temp.Registry.Blobs.Put("x"u8.ToArray())))!;
        var tempFile = Path.Combine(directory, ".blob-Dead01.tmp");
        File.WriteAllText(tempFile, "half written");
        File.SetLastWriteTimeUtc(tempFile, DateTime.UtcNow.AddDays(-2));

        var report = RegistryDoctor.Run(temp.Registry, new DoctorOptions { Fix = true });

        var problem = Assert.Single(report.Problems, p => p.Kind == DoctorProblemKind.StaleTempFile);
        Assert.True(problem.Fixed);
        Assert.False(File.Exists(tempFile));
    }

    [Fact]
    public void Open_FixOnRootThatIsNotALocalRegistry_ReportsItAndChangesNothing()
    {
        var root = temp.Scratch.Combine("blobs-only");
        Directory.CreateDirectory(Path.Combine(root, "blobs", "sha256"));
        var stray = Path.Combine(root, "blobs", "sha256", new string('a', 64));
        File.WriteAllText(stray, "not what it is named");

        using var registry = RegistryDoctor.Open(root, fix: true);
        var report = RegistryDoctor.Run(registry, new DoctorOptions { Fix = true });

        Assert.Contains(report.Problems, p => p.Kind == DoctorProblemKind.NotALocalRegistry);
        Assert.True(report.FixRequested);
        Assert.DoesNotContain(report.Problems, p => p.Fixed);
        Assert.True(File.Exists(stray));
        Assert.False(File.Exists(Path.Combine(root, RegistryIndex.FileName)));
    }

    public void Dispose() => temp.Dispose();
}
