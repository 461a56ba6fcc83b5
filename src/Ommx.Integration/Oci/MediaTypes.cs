namespace Ommx.Integration.Oci;

/// <summary>Media and artifact types used by OCI and OMMX.</summary>
internal static class MediaTypes
{
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string ArtifactManifest = "application/vnd.oci.artifact.manifest.v1+json";
    public const string EmptyJson = "application/vnd.oci.empty.v1+json";

    public const string OmmxArtifact = "application/org.ommx.v1.artifact";
    public const string OmmxExperiment = "application/org.ommx.v1.experiment";
    public const string OmmxLegacyConfig = "application/org.ommx.v1.config+json";
    public const string ExperimentConfig = "application/org.ommx.v1.experiment.config+json";
    public const string RunParameters = "application/org.ommx.v1.experiment.run-parameters+msgpack";

    public const string InstanceV1 = "application/org.ommx.v1.instance";
    public const string InstanceV2 = "application/org.ommx.v2.instance";
    public const string ParametricInstanceV1 = "application/org.ommx.v1.parametric-instance";
    public const string ParametricInstanceV2 = "application/org.ommx.v2.parametric-instance";
    public const string SolutionV1 = "application/org.ommx.v1.solution";
    public const string SolutionV2 = "application/org.ommx.v2.solution";
    public const string SampleSetV1 = "application/org.ommx.v1.sample-set";
    public const string SampleSetV2 = "application/org.ommx.v2.sample-set";
    public const string Trace = "application/org.ommx.trace.otlp+protobuf";
    public const string Diagnostics = "application/org.ommx.diagnostic+msgpack";

    public const string Json = "application/json";
    public const string OctetStream = "application/octet-stream";

    /// <summary>The bytes <c>{}</c>: the OCI empty config blob.</summary>
    public static ReadOnlySpan<byte> EmptyJsonBytes => "{}"u8;

    /// <summary><c>sha256</c> of <c>{}</c>.</summary>
    public static readonly Digest EmptyJsonDigest =
        Digest.Parse("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");

    /// <summary>True for the two artifact types OMMX accepts.</summary>
    public static bool IsOmmxArtifactType(string? artifactType) =>
        artifactType is OmmxArtifact or OmmxExperiment;
}
