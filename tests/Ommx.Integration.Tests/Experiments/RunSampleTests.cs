using Ommx.Integration.Adapters;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.Adapters;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Experiments;

public sealed class RunSampleTests : IDisposable
{
    private const string Image = "example.com/exp/sample:v1";
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Fact]
    public void LogSample_ExhaustiveSampler_RecordsSamplingThatReloadsByteForByte()
    {
        var instance = KnapsackInstances.Create(47);
        using var experiment = Experiment.Create(Registry, Image);
        Ommx.Integration.Model.SampleSet sampleSet;
        using (var run = experiment.Run())
        {
            sampleSet = run.LogSample(new ExhaustiveBinarySampler(), instance, new SamplerOptions { NumReads = 64 });
        }

        var descriptor = experiment.Commit();

        Assert.Equal(64, sampleSet.SampleIds.Length);
        Assert.Equal(41, sampleSet.Objectives[sampleSet.BestFeasibleSampleId!.Value]);
        var run0 = Experiment.Load(Registry, Image).Runs.Single();
        Assert.Empty(run0.Solves);
        var sampling = Assert.Single(run0.SamplingViews);
        Assert.Equal(0UL, sampling.Id);
        Assert.Equal(RunStatus.Finished, sampling.Status);
        Assert.Equal(typeof(ExhaustiveBinarySampler).FullName, sampling.Adapter);
        Assert.Equal("""{"num_reads":64}""", sampling.AdapterOptions);
        Assert.Equal(sampleSet.ToBytes(), Registry.Blobs.Read(sampling.Record.Output!));
        Assert.Equal(instance.ToBytes(), Registry.Blobs.Read(sampling.Record.Input));
        Assert.Equal(sampleSet.Feasible, sampling.Output!.Feasible);
        Assert.Empty(sampling.Diagnostics);
        var manifest = Registry.ReadManifest(descriptor.Digest).Manifest;
        Assert.Equal([MediaTypes.InstanceV1, MediaTypes.SampleSetV1, MediaTypes.RunParameters], manifest.Layers.Select(l => l.MediaType));
    }

    [Fact]
    public void LogSample_NoFeasibleSample_IsStillFinished()
    {
        using var experiment = Experiment.Create(Registry, Image);
        experiment.Run(run => run.LogSample(new ExhaustiveBinarySampler(), KnapsackInstances.Create(-1)));

        var sampling = experiment.Runs.Single().SamplingViews.Single();
        Assert.Equal(RunStatus.Finished, sampling.Status);
        Assert.Null(sampling.Output!.BestFeasibleSampleId);
    }

    [Fact]
    public void LogSample_SamplerThrows_RecordsFailedSamplingAndRethrows()
    {
        using var experiment = Experiment.Create(Registry, Image);
        using (var run = experiment.Run())
        {
            Assert.Throws<ArgumentException>(() => run.LogSample(new ExhaustiveBinarySampler(), KnapsackInstances.Create(47), new SamplerOptions { NumReads = 0 }));
            run.LogSample(new ExhaustiveBinarySampler(), KnapsackInstances.Create(47), new SamplerOptions { NumReads = 1 });
        }

        var samplings = experiment.Runs.Single().SamplingViews;
        Assert.Equal([0UL, 1UL], samplings.Select(s => s.Id));
        Assert.Equal(RunStatus.Failed, samplings[0].Status);
        Assert.StartsWith("ArgumentException: num_reads must be at least 1, not 0", samplings[0].FailureReason, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Finished, samplings[1].Status);
    }

    public void Dispose() => temp.Dispose();
}
