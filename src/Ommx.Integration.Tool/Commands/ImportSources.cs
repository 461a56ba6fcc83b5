using Ommx.Integration.Registry.Archives;

namespace Ommx.Integration.Tool.Commands;

/// <summary>Turns <c>ommx import</c> arguments into sources: files, OCI directories, or folders of <c>*.ommx</c> files.</summary>
internal static class ImportSources
{
    public static List<ImportSource> Expand(IEnumerable<string> paths)
    {
        var sources = new List<ImportSource>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                sources.Add(new ImportSource(path, false, null));
            }
            else if (Directory.Exists(path))
            {
                if (File.Exists(Path.Combine(path, "oci-layout")) || File.Exists(Path.Combine(path, "index.json")))
                {
                    sources.Add(new ImportSource(path, true, null));
                    continue;
                }

                var archives = new List<string>();
                FindArchives(path, new HashSet<string>(StringComparer.Ordinal), archives, sources);
                archives.Sort(StringComparer.Ordinal);
                if (archives.Count == 0)
                {
                    sources.Add(new ImportSource(path, true, $"{path} is neither an OCI image layout (no oci-layout file) nor a folder with .ommx files"));
                }

                sources.AddRange(archives.Select(a => new ImportSource(a, false, null)));
            }
            else
            {
                sources.Add(new ImportSource(path, false, $"No such file or directory: {path}"));
            }
        }

        return sources;
    }

    /// <summary>
    /// Collects <c>*.ommx</c> entries under <paramref name="directory"/>, following directory symlinks but
    /// entering each directory (by device and inode) once, so a symlink loop cannot repeat an archive.
    /// Non-regular <c>*.ommx</c> entries are collected too: the importer refuses each with its own line.
    /// </summary>
    private static void FindArchives(string directory, HashSet<string> visited, List<string> archives, List<ImportSource> problems)
    {
        var probe = RegularFiles.Probe(directory, followLinks: true);
        if (probe.Kind != FileKind.Directory || !visited.Add(probe.Identity))
        {
            return;
        }

        List<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(directory).ToList();
        }
        catch (Exception e) when (StorageErrors.IsFileError(e))
        {
            problems.Add(new ImportSource(directory, true, $"Cannot list {directory}: {e.Message}"));
            return;
        }

        foreach (var entry in entries)
        {
            var kind = RegularFiles.Probe(entry, followLinks: true).Kind;
            if (kind == FileKind.Directory)
            {
                FindArchives(entry, visited, archives, problems);
            }
            else if (entry.EndsWith(".ommx", StringComparison.Ordinal))
            {
                archives.Add(entry);
            }
        }
    }
}
