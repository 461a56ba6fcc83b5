using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments;

/// <summary>A listed Experiment (or checkpoint) with the counts OMMX's listing reports.</summary>
internal sealed record ExperimentRecord
{
    public required ImageReference Image { get; init; }

    public string ImageName => Image.ToString();

    /// <summary>For checkpoints: the name the Experiment was recorded under.</summary>
    public ImageReference? RequestedImage { get; init; }

    public required Digest ManifestDigest { get; init; }

    public required Digest ConfigDigest { get; init; }

    public required string UpdatedAt { get; init; }

    public required ExperimentStatus Status { get; init; }

    public required int RunCount { get; init; }

    public required int SolveCount { get; init; }

    public required int SamplingCount { get; init; }

    public required IReadOnlyDictionary<string, string> Annotations { get; init; }

    /// <summary>The config JSON bytes exactly as stored.</summary>
    public required byte[] ConfigJson { get; init; }

    public override string ToString() =>
        $"ExperimentRef(image_name='{RequestedImage ?? Image}', status='{StatusText.Of(Status)}', runs={RunCount}, solves={SolveCount}, samplings={SamplingCount})";
}
