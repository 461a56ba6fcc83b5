using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Archives;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.Archives;

/// <summary>
/// Another writer takes the ref between import's early conflict check and its publish (a second registry
/// instance on the same root, as another process would, at the seam in that very gap): the import is refused
/// and publishes nothing — no blob, no ref change.
/// </summary>
public sealed class ImportRefRaceTests : IDisposable
{
    private readonly TempRegistry temp = new();

    [Fact]
    public void Import_RefTakenAfterTheConflictCheck_RefusedWithNothingPublished()
    {
        const string image = "example.com/race/a:v1";
        var archive = temp.Scratch.Combine("a.ommx");
        var (builder, manifest) = TarBuilder.Artifact("layer only the archive has"u8.ToArray(), image);
        builder.WriteTo(archive);
        temp.Commit("example.com/race/other:v1", "other"u8.ToArray());
        var blobsBefore = Blobs();
        Descriptor? winner = null;
        temp.Registry.AfterImportConflictCheck = _ =>
        {
            using var otherProcess = temp.OpenAnother();
            winner = TempRegistry.Commit(otherProcess, image, "the winner's layer"u8.ToArray());
        };

        var refused = Assert.Throws<RefConflictException>(() => OciArchiveImporter.Import(temp.Registry, archive));

        Assert.Equal(Digest.Compute(manifest), refused.Result.Incoming);
        Assert.Equal(winner!.Digest, temp.Registry.Resolve(ImageReference.Parse(image)));
        var added = Blobs().Except(blobsBefore).ToHashSet();
        using var check = temp.OpenAnother();
        var winnerBlobs = check.ReadManifest(winner.Digest).Manifest.Blobs().Select(b => b.Digest.Hex).Append(winner.Digest.Hex);
        Assert.Empty(added.Except(winnerBlobs));
    }

    private HashSet<string> Blobs() =>
        Directory.EnumerateFiles(temp.Registry.Blobs.Sha256Directory).Select(f => Path.GetFileName(f)!).ToHashSet(StringComparer.Ordinal);

    public void Dispose() => temp.Dispose();
}
