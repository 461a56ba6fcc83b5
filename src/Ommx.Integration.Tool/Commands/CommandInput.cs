using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Commands;

/// <summary>Parses command arguments with OMMX's error texts; every failure is a usage error.</summary>
internal static class CommandInput
{
    public static ImageReference Image(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return ImageReference.Parse(text);
        }
        catch (InvalidImageReferenceException e)
        {
            throw new CommandUsageException(e.Message, e);
        }
    }

    public static TimeSpan Duration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return DurationText.Parse(text);
        }
        catch (InvalidDurationException e)
        {
            throw new CommandUsageException(e.Message, e);
        }
    }

    public static Digest ManifestDigest(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Digest.TryParse(text, out var digest)
            ? digest
            : throw new CommandUsageException($"Invalid manifest digest: {Oci.InvalidImageReferenceException.DebugQuote(text)} is not sha256:<64 lower-case hex>");
    }

    /// <summary>A checkpoint status filter, with OMMX's error text for anything else.</summary>
    public static ExperimentStatus CheckpointStatus(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text switch
        {
            "draft" => ExperimentStatus.Draft,
            "failed" => ExperimentStatus.Failed,
            "interrupted" => ExperimentStatus.Interrupted,
            _ => throw new CommandUsageException(
                $"Unknown Experiment checkpoint status `{text}`; expected `draft`, `failed`, or `interrupted`"),
        };
    }

    /// <summary>OMMX's check for the two mutually exclusive mode flags.</summary>
    public static void DeleteMode(bool dryRun, bool delete)
    {
        if (dryRun && delete)
        {
            throw new CommandUsageException("--dry-run and --delete cannot be used together");
        }
    }
}
