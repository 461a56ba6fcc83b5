namespace Ommx.Integration.Commands;

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

                var archives = Directory.EnumerateFiles(path, "*.ommx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
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
}
