using System.Globalization;
using Ommx.Integration.Experiments;
using Ommx.Integration.Model;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Experiments.Format;

/// <summary>
/// An OMMX payload ready to be a layer: media type, protobuf bytes and the flat descriptor annotations
/// OMMX projects onto typed layers (counts and description for instances, process metadata for
/// solutions and sample sets, plus the payload's own user annotations). Bytes are taken when the layer
/// is made, so later changes to a mutable payload (a Solution's annotations) do not alter the record.
/// </summary>
internal sealed record PayloadLayer(string MediaType, byte[] Bytes, IReadOnlyDictionary<string, string> Annotations)
{
    public static PayloadLayer Of(Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var annotations = Counts("org.ommx.v1.instance.", instance.DecisionVariables.Count, instance.Constraints.Count);
        AddDescription(annotations, "org.ommx.v1.instance.", instance.Description);
        AddUser(annotations, instance.Annotations);
        return new(Instance.MediaType, instance.ToBytes(), annotations);
    }

    public static PayloadLayer Of(ParametricInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var annotations = Counts("org.ommx.v1.parametric-instance.", instance.DecisionVariables.Count, instance.Constraints.Count);
        AddDescription(annotations, "org.ommx.v1.parametric-instance.", instance.Description);
        AddUser(annotations, instance.Annotations);
        return new(ParametricInstance.MediaType, instance.ToBytes(), annotations);
    }

    public static PayloadLayer Of(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        AddMetadata(annotations, "org.ommx.v1.solution.", solution.Metadata);
        AddUser(annotations, solution.Annotations);
        return new(Solution.MediaType, solution.ToBytes(), annotations);
    }

    public static PayloadLayer Of(SampleSet sampleSet)
    {
        ArgumentNullException.ThrowIfNull(sampleSet);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        AddMetadata(annotations, "org.ommx.v1.sample-set.", sampleSet.Metadata);
        AddUser(annotations, sampleSet.Annotations);
        return new(SampleSet.MediaType, sampleSet.ToBytes(), annotations);
    }

    /// <summary>Puts the bytes into the blob store and returns the layer descriptor.</summary>
    public Descriptor Store(LocalRegistry registry, Registry.Leases.WriterLease? lease)
    {
        var digest = registry.Blobs.Put(Bytes, lease);
        return new Descriptor(MediaType, digest, Bytes.Length) { Annotations = Annotations };
    }

    public static bool IsInstance(string mediaType) => mediaType is MediaTypes.InstanceV1 or MediaTypes.InstanceV2;

    public static bool IsParametricInstance(string mediaType) => mediaType is MediaTypes.ParametricInstanceV1 or MediaTypes.ParametricInstanceV2;

    public static bool IsSolution(string mediaType) => mediaType is MediaTypes.SolutionV1 or MediaTypes.SolutionV2;

    public static bool IsSampleSet(string mediaType) => mediaType is MediaTypes.SampleSetV1 or MediaTypes.SampleSetV2;

    private static Dictionary<string, string> Counts(string prefix, int variables, int constraints) => new(StringComparer.Ordinal)
    {
        [prefix + "variables"] = variables.ToString(CultureInfo.InvariantCulture),
        [prefix + "constraints"] = constraints.ToString(CultureInfo.InvariantCulture),
    };

    private static void AddDescription(Dictionary<string, string> annotations, string prefix, InstanceDescription? description)
    {
        if (description is null)
        {
            return;
        }

        Put(annotations, prefix + "title", description.Name);
        Put(annotations, prefix + "description", description.Description);
        Put(annotations, prefix + "authors", description.Authors.IsDefaultOrEmpty ? null : string.Join(",", description.Authors));
        Put(annotations, prefix + "created_by", description.CreatedBy);
        Put(annotations, prefix + "created", description.Created);
        Put(annotations, prefix + "license", description.License);
        Put(annotations, prefix + "dataset", description.Dataset);
    }

    private static void AddMetadata(Dictionary<string, string> annotations, string prefix, ProcessMetadata? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        Put(annotations, prefix + "instance", metadata.Instance);
        Put(annotations, prefix + "solver", metadata.Solver);
        Put(annotations, prefix + "parameters", metadata.Parameters);
        Put(annotations, prefix + "start", metadata.Start);
        Put(annotations, prefix + "end", metadata.End);
    }

    private static void AddUser(Dictionary<string, string> annotations, IReadOnlyDictionary<string, string> user)
    {
        foreach (var (key, value) in user)
        {
            if (!key.StartsWith("org.ommx.v1.", StringComparison.Ordinal))
            {
                annotations[key] = value;
            }
        }
    }

    private static void Put(Dictionary<string, string> annotations, string key, string? value)
    {
        if (value is not null)
        {
            annotations[key] = value;
        }
    }
}
