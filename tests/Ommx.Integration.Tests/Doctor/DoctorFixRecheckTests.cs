using Ommx.Integration.Doctor;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Doctor;

/// <summary><c>doctor --fix</c> re-checks a corrupt, unreferenced blob under the locks right before deleting it.</summary>
public sealed class DoctorFixRecheckTests : IDisposable
{
    private static readonly byte[] Good = "the good bytes of a layer"u8.ToArray();
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Fact]
    public void Fix_GoodCopyRepublishedAfterTheScan_IsKept()
    {
        var digest = Registry.Blobs.Put(Good);
        var path = Registry.Blobs.PathFor(digest);
        File.WriteAllText(path, "rotten");
        var scan = Scan();
        Assert.Contains(scan.Problems, p => p.Kind == DoctorProblemKind.CorruptBlob && p.Fixable);

        File.WriteAllBytes(path, Good); // a verified good copy arrives between the scan and the fix
        DoctorFixes.Apply(Registry, scan);

        Assert.Equal(Good, File.ReadAllBytes(path));
    }

    [Fact]
    public void Fix_BlobReferencedAfterTheScan_IsNotDeleted()
    {
        var digest = Registry.Blobs.Put(Good);
        var path = Registry.Blobs.PathFor(digest);
        File.WriteAllText(path, "rotten");
        var scan = Scan();

        Registry.Blobs.Put(MediaTypes.EmptyJsonBytes);
        var manifest = new ImageManifest(MediaTypes.OmmxArtifact, new Descriptor(MediaTypes.EmptyJson, MediaTypes.EmptyJsonDigest, 2),
            [Descriptor.ForBytes(MediaTypes.InstanceV1, Good) with { Annotations = new Dictionary<string, string>() }]);
        Registry.Publish(ImageReference.Parse("example.com/team/late:v1"), Registry.StoreManifest(manifest).Digest);
        DoctorFixes.Apply(Registry, scan);

        Assert.True(File.Exists(path));
        var problem = Assert.Single(scan.Problems, p => p.Kind == DoctorProblemKind.CorruptBlob);
        Assert.False(problem.Fixed);
        Assert.Contains("needs it now", problem.FixError, StringComparison.Ordinal);
    }

    [Fact]
    public void Fix_StillCorruptAndUnreferenced_IsDeleted()
    {
        var digest = Registry.Blobs.Put(Good);
        File.WriteAllText(Registry.Blobs.PathFor(digest), "rotten");
        var scan = Scan();

        DoctorFixes.Apply(Registry, scan);

        Assert.False(Registry.Blobs.Exists(digest));
        Assert.True(Assert.Single(scan.Problems, p => p.Kind == DoctorProblemKind.CorruptBlob).Fixed);
    }

    private DoctorScan Scan()
    {
        var scan = new DoctorScan();
        var blobs = BlobScan.Run(Registry.Blobs);
        var corrupt = DoctorChecks.Blobs(Registry, blobs, quick: false, scan);
        DoctorChecks.Closures(Registry, blobs, corrupt, scan);
        return scan;
    }

    public void Dispose() => temp.Dispose();
}
