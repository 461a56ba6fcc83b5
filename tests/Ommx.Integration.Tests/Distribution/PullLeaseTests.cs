using Ommx.Integration.Distribution;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry.Gc;
using Ommx.Integration.Registry.Leases;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Distribution;

/// <summary>A pull is a writer: it holds a <c>pull</c> lease while it downloads, and a zero-grace GC running meanwhile takes nothing from it.</summary>
[Trait("Category", "RealRegistry")]
public sealed class PullLeaseTests : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly DistributionRegistry remote;
    private readonly TempRegistry source = new();
    private readonly TempRegistry target = new();

    public PullLeaseTests(RegistryFixture fixture) => remote = fixture.Registry;

    [Fact]
    public void Pull_WhileDownloading_HoldsPullLeaseAndSurvivesZeroGraceGc()
    {
        var name = $"{remote.Host}/ommx-tests/pull-lease:v1";
        var committed = SampleExperiments.Commit(source.Registry, name);
        source.Registry.Push(ImageReference.Parse(name), remote.Options());
        using var observer = target.OpenAnother();
        var seen = new List<LeaseInfo>();
        var gcPasses = 0;

        var pulled = target.Registry.Pull(ImageReference.Parse(name), remote.Options(transport: h => new RecordingHandler(h)
        {
            Before = request =>
            {
                if (request.RequestUri!.AbsolutePath.Contains("/blobs/", StringComparison.Ordinal))
                {
                    seen.AddRange(observer.ListLeases());
                    RegistryGc.Run(observer, new GcOptions { Delete = true, GracePeriod = TimeSpan.Zero });
                    gcPasses++;
                }
            },
        }));

        Assert.Equal(committed.Digest, pulled.ManifestDigest);
        Assert.True(gcPasses > 0);
        Assert.Contains(seen, l => l.Kind == LeaseKind.Pull && l.State == LeaseState.Live && l.Subject!.Contains("pull-lease", StringComparison.Ordinal));
        Assert.Empty(target.Registry.ListLeases());
        RegistryGc.Run(observer, new GcOptions { Delete = true, GracePeriod = TimeSpan.Zero });
        using var copy = Experiment.Load(target.Registry, name, new ExperimentLoadOptions { AllowPull = false });
        using var original = Experiment.Load(source.Registry, name);
        Assert.Equal(SampleExperiments.Describe(original), SampleExperiments.Describe(copy));
    }

    public void Dispose()
    {
        source.Dispose();
        target.Dispose();
    }
}
