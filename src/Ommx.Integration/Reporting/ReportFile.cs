using System.Text;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Reporting;

/// <summary>Where a report's Experiment is found, and how a report file is written.</summary>
internal static class ReportFile
{
    /// <summary>
    /// The ref a report of <paramref name="image"/> reads in <paramref name="registry"/>: the image itself when it is
    /// stored, else the failed or interrupted checkpoint recorded under that name (checkpoints live under internal
    /// names, <c>&lt;id&gt;.ommx.local/checkpoint:&lt;hash&gt;</c>); null when neither is stored (it may be pulled).
    /// </summary>
    public static ImageReference? ResolveLocal(LocalRegistry registry, ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(image);
        if (registry.Resolve(image) is not null)
        {
            return image;
        }

        var checkpoint = ImageNames.CheckpointReference(registry.RegistryId, image);
        return registry.Resolve(checkpoint) is not null ? checkpoint : null;
    }

    /// <summary>The artifact type of a stored ref, to refuse what is not an Experiment with a clear message.</summary>
    public static string ArtifactTypeOf(LocalRegistry registry, ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var digest = registry.Resolve(image) ?? throw new ArtifactNotFoundException($"Artifact not found in the Local Registry: {image}");
        return registry.ReadManifest(digest).Manifest.ArtifactType ?? string.Empty;
    }

    /// <summary>
    /// Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/>, replacing a previous report: into a
    /// temporary file beside it first, then moved over, so a reader never sees half a page. Creates the directory.
    /// </summary>
    /// <returns>The full path written.</returns>
    public static string Write(string path, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(text);
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return full;
    }
}
