using Ommx.Integration.Experiments;
using Ommx.Integration.Model;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.Adapters;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Experiments;

public sealed class TypedAttachmentTests : IDisposable
{
    private const string Image = "example.com/exp/typed:v1";
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Fact]
    public void LogTypedPayloads_InRunAndExperiment_LoadBackIdentically()
    {
        var instance = KnapsackInstances.Create(47);
        var solution = instance.Evaluate(new Dictionary<ulong, double> { [0] = 1, [1] = 0, [2] = 0, [3] = 1, [4] = 0, [5] = 0 });
        solution.Metadata = new ProcessMetadata { Solver = """{"name":"manual"}""" };
        var sampleSet = instance.EvaluateSamples(new Dictionary<ulong, IReadOnlyDictionary<ulong, double>> { [0] = new Dictionary<ulong, double> { [0] = 0, [1] = 1, [2] = 0, [3] = 0, [4] = 0, [5] = 0 } });
        var p = new Parameter(100) { Name = "capacity" };
        var x = DecisionVariable.Binary(0);
        var parametric = ParametricInstance.Create(ObjectiveSense.Maximize, x.ToFunction(), [x], [p], [(x - p.ToFunction() <= 0).WithId(0)]);
        using var experiment = Experiment.Create(Registry, Image);
        experiment.LogInstance("problem", instance);
        experiment.Run(run =>
        {
            run.LogSolution("by-hand", solution);
            run.LogSampleSet("samples", sampleSet);
            run.LogParametricInstance("family", parametric);
        });
        var descriptor = experiment.Commit();

        var loaded = Experiment.Load(Registry, Image);
        var run0 = loaded.Runs.Single();
        Assert.Equal(instance.ToBytes(), loaded.GetInstance("problem").ToBytes());
        Assert.Equal(MediaTypes.InstanceV1, loaded.AttachmentMediaType("problem"));
        Assert.Equal(solution.ToBytes(), run0.GetSolution("by-hand").ToBytes());
        Assert.Equal(41, run0.GetSolution("by-hand").Objective);
        Assert.Equal(sampleSet.ToBytes(), run0.GetSampleSet("samples").ToBytes());
        Assert.Equal(parametric.ToBytes(), run0.GetParametricInstance("family").ToBytes());
        var layers = Registry.ReadManifest(descriptor.Digest).Manifest.Layers;
        Assert.Equal(
            [MediaTypes.InstanceV1, MediaTypes.SolutionV1, MediaTypes.ParametricInstanceV1, MediaTypes.SampleSetV1, MediaTypes.RunParameters],
            layers.Select(l => l.MediaType));
        Assert.Equal("""{"name":"manual"}""", layers[1].Annotations!["org.ommx.v1.solution.solver"]);
        Assert.Equal("1", layers[2].Annotations!["org.ommx.v1.parametric-instance.variables"]);
    }

    [Fact]
    public void GetInstance_OnJsonAttachment_NamesTheMediaType()
    {
        using var experiment = Experiment.Create(Registry, Image);
        experiment.LogJson("config", new { a = 1 });
        experiment.Run(run => run.LogInstance("problem", KnapsackInstances.Create(47)));

        var error = Assert.Throws<InvalidOperationException>(() => experiment.GetInstance("config"));
        Assert.Equal("Expected an OMMX Instance attachment, got media type 'application/json'", error.Message);
        Assert.Throws<InvalidOperationException>(() => experiment.Runs.Single().GetSolution("problem"));
        Assert.Throws<KeyNotFoundException>(() => experiment.GetSolution("missing"));
    }

    [Fact]
    public void LogInstance_SameNameTwice_IsRefused()
    {
        using var experiment = Experiment.Create(Registry, Image);
        experiment.LogInstance("problem", KnapsackInstances.Create(47));

        var error = Assert.Throws<ExperimentStateException>(() => experiment.LogInstance("problem", KnapsackInstances.Create(56)));
        Assert.Equal("Attachment `problem` already exists", error.Message);
    }

    public void Dispose() => temp.Dispose();
}
