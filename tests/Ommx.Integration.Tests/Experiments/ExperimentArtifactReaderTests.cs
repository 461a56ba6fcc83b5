using System.Text;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Tests.Experiments;

/// <summary>Config validation rules of the Experiment loader, on hand-written configs.</summary>
public sealed class ExperimentArtifactReaderTests
{
    private static readonly Descriptor Json = new(MediaTypes.Json, Digest.Compute("{}"u8), 2) { Annotations = new Dictionary<string, string>() };
    private static readonly Descriptor Table = new(MediaTypes.RunParameters, Digest.Compute("t"u8), 10) { Annotations = new Dictionary<string, string>() };
    private static readonly Descriptor Instance = new(MediaTypes.InstanceV1, Digest.Compute("i"u8), 1) { Annotations = new Dictionary<string, string>() };
    private static readonly Descriptor Solution = new(MediaTypes.SolutionV1, Digest.Compute("s"u8), 1) { Annotations = new Dictionary<string, string>() };

    private static LoadedExperiment Parse(string config, params Descriptor[] layers) =>
        ExperimentArtifactReader.Parse(Encoding.UTF8.GetBytes(config),
            new ImageManifest(MediaTypes.OmmxExperiment, new Descriptor(MediaTypes.ExperimentConfig, Digest.Compute(Encoding.UTF8.GetBytes(config)), config.Length), layers));

    private static string Error(string config, params Descriptor[] layers) =>
        Assert.Throws<ExperimentFormatException>(() => Parse(config, layers)).Message;

    [Fact]
    public void Parse_AttachmentLayerRefOutOfRange_NamesAttachmentAndBounds() =>
        Assert.Equal(
            "Failed to resolve experiment attachment `outside` LayerRef 1: LayerRef 1 is out of bounds for 1 manifest layer(s)",
            Error("""{"status":"finished","attachments":{"entries":{"outside":1}},"runs":[],"run_parameters":0}""", Table));

    [Fact]
    public void Parse_RunAttachmentOutOfRange_NamesRun() =>
        Assert.StartsWith("Failed to resolve run 0 attachment `outside` LayerRef 1",
            Error("""{"status":"finished","attachments":{"entries":{}},"runs":[{"run_id":0,"attachments":{"entries":{"outside":1}}}],"run_parameters":0}""", Table), StringComparison.Ordinal);

    [Fact]
    public void Parse_RunParametersOutOfRange_Refused() =>
        Assert.StartsWith("Failed to resolve run-parameter table LayerRef 0",
            Error("""{"status":"finished","attachments":{"entries":{}},"runs":[],"run_parameters":0}"""), StringComparison.Ordinal);

    [Fact]
    public void Parse_UnknownStatus_Refused() =>
        Assert.Equal("unknown Experiment status crashed",
            Error("""{"status":"crashed","attachments":{"entries":{}},"runs":[],"run_parameters":0}""", Table));

    [Fact]
    public void Parse_FinishedWithOutcome_Refused() =>
        Assert.Equal("Experiment status finished cannot have a lifecycle outcome",
            Error("""{"status":"finished","outcome":{"reason":"x"},"attachments":{"entries":{}},"runs":[],"run_parameters":0}""", Table));

    [Fact]
    public void Parse_FinishedRunWithOutcome_Refused() =>
        Assert.Equal("finished Run cannot have a lifecycle outcome",
            Error("""{"status":"finished","attachments":{"entries":{}},"runs":[{"run_id":0,"status":"finished","outcome":{"reason":"x"},"attachments":{"entries":{}}}],"run_parameters":0}""", Table));

    [Fact]
    public void Parse_FilenameForMissingAttachment_Refused() =>
        Assert.Equal("Attachment filename table references missing attachment `missing`",
            Error("""{"status":"finished","attachments":{"entries":{"a":0},"filenames":{"missing":"m.txt"}},"runs":[],"run_parameters":1}""", Json, Table));

    [Theory]
    [InlineData("zstd", MediaTypes.Json, "must have a media type ending in `+zstd`")]
    [InlineData("brotli", MediaTypes.Json + "+zstd", "Unsupported Attachment compression `brotli`")]
    public void Parse_BadCompressionMarker_Refused(string marker, string mediaType, string message)
    {
        var layer = new Descriptor(mediaType, Digest.Compute("x"u8), 1) { Annotations = new Dictionary<string, string> { [Attachment.CompressionAnnotation] = marker } };
        var error = Error("""{"status":"finished","attachments":{"entries":{"invalid":0}},"runs":[],"run_parameters":1}""", layer, Table);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains("Invalid experiment attachment `invalid` storage format", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SolveFailedWithOutput_Refused() =>
        Assert.Equal("Run 0 Solve 0 has status failed but has an output",
            Error("""{"status":"finished","attachments":{"entries":{}},"runs":[{"run_id":0,"attachments":{"entries":{}},"solves":[{"solve_id":0,"status":"failed","input":0,"output":1,"adapter":"a"}]}],"run_parameters":2}""", Instance, Solution, Table));

    [Fact]
    public void Parse_SolveOutputNotSolution_Refused() =>
        Assert.Contains("expected an OMMX Solution payload",
            Error("""{"status":"finished","attachments":{"entries":{}},"runs":[{"run_id":0,"attachments":{"entries":{}},"solves":[{"solve_id":0,"input":0,"output":1,"adapter":"a"}]}],"run_parameters":2}""", Instance, Json, Table), StringComparison.Ordinal);

    [Fact]
    public void Parse_Beta1ConfigWithoutStatusesAndExtensionKeys_Loads()
    {
        var loaded = Parse("""{"status":"failed","com.example.extension":{"k":1},"attachments":{"entries":{}},"runs":[{"run_id":3,"attachments":{"entries":{}}}],"run_parameters":0}""", Table);

        Assert.Equal(ExperimentStatus.Failed, loaded.Status);
        Assert.Null(loaded.Reason);
        Assert.Equal(RunStatus.Finished, loaded.Content.Runs[3].Status);
        Assert.Empty(loaded.Content.Runs[3].Solves);
    }

    [Fact]
    public void Parse_SolvesOutOfOrder_SortedById()
    {
        var loaded = Parse("""{"status":"finished","attachments":{"entries":{}},"runs":[{"run_id":0,"attachments":{"entries":{}},"solves":[{"solve_id":2,"input":0,"output":1,"adapter":"a"},{"solve_id":0,"input":0,"output":1,"adapter":"a"},{"solve_id":1,"status":"failed","input":0,"adapter":"a"}]}],"run_parameters":2}""", Instance, Solution, Table);

        Assert.Equal([0UL, 1UL, 2UL], loaded.Content.Runs[0].Solves.Select(s => s.Id));
        Assert.Equal("{}", loaded.Content.Runs[0].Solves[0].AdapterOptions);
    }
}
