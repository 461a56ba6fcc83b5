using Ommx.Integration.Distribution;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry.Archives;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Distribution;

/// <summary>What we push is what another OCI client sees, byte for byte, and what it copies out we import.</summary>
[Trait("Category", "RealRegistry")]
public sealed class SkopeoInteropTests : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly DistributionRegistry remote;
    private readonly TempRegistry source = new();
    private readonly TempRegistry target = new();

    public SkopeoInteropTests(RegistryFixture fixture) => remote = fixture.Registry;

    [Fact]
    public void SkopeoInspectRaw_PushedExperiment_PrintsOurExactManifestBytes()
    {
        var name = $"{remote.Host}/ommx-tests/skopeo-inspect:v1";
        var committed = SampleExperiments.Commit(source.Registry, name);
        source.Registry.Push(ImageReference.Parse(name), remote.Options());

        var raw = Skopeo.Run("inspect", "--raw", "--tls-verify=false", $"docker://{name}");

        Assert.Equal(source.Registry.Blobs.Read(committed.Digest), raw);
    }

    [Fact]
    public void SkopeoCopyToOciArchive_ThenImport_RoundTripsDigestAndRuns()
    {
        var name = $"{remote.Host}/ommx-tests/skopeo-copy:v1";
        var committed = SampleExperiments.Commit(source.Registry, name);
        source.Registry.Push(ImageReference.Parse(name), remote.Options());
        var archive = target.Scratch.Combine("copied.ommx");

        Skopeo.Run("copy", "--src-tls-verify=false", $"docker://{name}", $"oci-archive:{archive}:{name}");
        var imported = OciArchiveImporter.Import(target.Registry, archive);

        Assert.Equal(committed.Digest, imported.Manifest.Digest);
        Assert.Equal(ImageReference.Parse(name), imported.Image);
        using var original = Experiment.Load(source.Registry, name);
        using var copy = Experiment.Load(target.Registry, name, new ExperimentLoadOptions { AllowPull = false });
        Assert.Equal(SampleExperiments.Describe(original), SampleExperiments.Describe(copy));
    }

    public void Dispose()
    {
        source.Dispose();
        target.Dispose();
    }
}
