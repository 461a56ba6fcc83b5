using Ommx.Integration.Doctor;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Archives;
using Ommx.Integration.Registry.Maintenance;
using Ommx.Integration.Tests.TestSupport;
using static Ommx.Integration.Tests.Registry.SqliteTestHelpers;

namespace Ommx.Integration.Tests.Registry.Safety;

/// <summary>A digest reference (<c>name@sha256:X</c>) always names exactly manifest X: import, restore-ref and publish refuse a lie, resolve ignores one, doctor reports one.</summary>
public sealed class DigestReferenceTests : IDisposable
{
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Fact]
    public void Import_ArchiveWhoseDigestRefNamesAnotherManifest_RefusedAndNothingStored()
    {
        var other = Digest.Compute("some other manifest"u8);
        var (builder, _) = TarBuilder.Artifact("lying payload"u8.ToArray(), $"example.com/team/lie@{other}");
        var path = temp.Scratch.Combine("lie.ommx");
        builder.WriteTo(path);

        var error = Assert.Throws<ArchiveFormatException>(() => OciArchiveImporter.Import(Registry, path));

        Assert.Contains("names exactly that manifest", error.Message, StringComparison.Ordinal);
        Assert.Empty(Registry.ListRefs());
        Assert.False(Directory.Exists(Registry.Blobs.Sha256Directory) && Directory.EnumerateFiles(Registry.Blobs.Sha256Directory).Any(f => !Path.GetFileName(f).StartsWith('.')));
    }

    [Fact]
    public void Import_ArchiveWhoseDigestRefNamesItsOwnManifest_Accepted()
    {
        var (_, manifest) = TarBuilder.Artifact("honest payload"u8.ToArray(), null);
        var digest = Digest.Compute(manifest);
        var (builder, _) = TarBuilder.Artifact("honest payload"u8.ToArray(), $"example.com/team/honest@{digest}");
        var path = temp.Scratch.Combine("honest.ommx");
        builder.WriteTo(path);

        var result = OciArchiveImporter.Import(Registry, path);

        Assert.Equal(digest, Registry.Resolve(ImageReference.Parse($"example.com/team/honest@{digest}")));
        Assert.Equal(digest, result.Manifest.Digest);
    }

    [Fact]
    public void RestoreRefAndPublish_DigestRefToAnotherManifest_Refused()
    {
        var x = temp.Commit("example.com/team/x:v1", "x-layer"u8.ToArray());
        var y = TempRegistry.StoreArtifact(Registry, ["y-layer"u8.ToArray()]);
        var lie = ImageReference.Parse($"example.com/team/x@{x.Digest}");

        Assert.Throws<DigestReferenceMismatchException>(() => RefRestorer.Restore(Registry, lie, y.Digest));
        Assert.Throws<DigestReferenceMismatchException>(() => Registry.Publish(lie, y.Digest));
        Assert.Throws<DigestReferenceMismatchException>(() => Registry.Replace(lie, y.Digest));
        Assert.Null(Registry.FindRef(lie));
        Assert.Equal(PublishOutcome.Inserted, RefRestorer.Restore(Registry, lie, x.Digest).Outcome);
    }

    [Fact]
    public void ForgedDigestRefRow_ResolveIgnoresItAndDoctorReportsIt()
    {
        var x = temp.Commit("example.com/team/forged:v1", "forged-x"u8.ToArray());
        var y = temp.Commit("example.com/team/forged:v2", "forged-y"u8.ToArray());
        Exec(temp.Root, "INSERT INTO refs VALUES ('example.com/team/forged', $ref, $digest, '2026-01-01T00:00:00+00:00')",
            ("$ref", x.Digest.ToString()), ("$digest", y.Digest.ToString()));

        Assert.Null(Registry.Resolve(ImageReference.Parse($"example.com/team/forged@{x.Digest}")));
        var report = RegistryDoctor.Run(temp.Registry, new DoctorOptions { Quick = true });

        Assert.False(report.Healthy);
        var problem = Assert.Single(report.Problems, p => p.Kind == DoctorProblemKind.InvalidRef);
        Assert.Equal($"example.com/team/forged:{x.Digest}", problem.Subject);
        Assert.StartsWith($"digest reference points at another manifest, {y.Digest}", problem.Message, StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();
}
