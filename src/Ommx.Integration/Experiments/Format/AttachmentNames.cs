using Ommx.Integration.Experiments;

namespace Ommx.Integration.Experiments.Format;

/// <summary>Checks on attachment file names (basename only).</summary>
internal static class AttachmentNames
{
    public static void CheckFilename(string filename)
    {
        if (filename.Length == 0)
        {
            throw new ExperimentFormatException("Attachment filename must not be empty");
        }

        if (filename.Contains('/', StringComparison.Ordinal) || filename.Contains('\\', StringComparison.Ordinal))
        {
            throw new ExperimentFormatException($"Attachment filename `{filename}` must be a basename, not a path");
        }

        if (filename is "." or "..")
        {
            throw new ExperimentFormatException($"Attachment filename must not be `.` or `..`");
        }
    }
}
