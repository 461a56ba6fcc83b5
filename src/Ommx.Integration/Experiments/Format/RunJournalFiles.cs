using System.Security.Cryptography;
using System.Text;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;

namespace Ommx.Integration.Experiments.Format;

/// <summary>
/// Where Run journals live: <c>&lt;root&gt;/.ommx-integration/journals/&lt;sha256 of the requested name&gt;.&lt;writer&gt;.jsonl</c>,
/// outside OMMX's own layout (OMMX ignores the directory). Each writer (an unsealed Experiment; its writer id is
/// its lease id) has its own file, so two processes recording the same name never share, truncate or delete
/// each other's journal. <c>&lt;sha256&gt;.jsonl</c> without a writer is the older single-writer layout, still read. Each line after the header is a manifest JSON
/// whose layers are the blobs a journalled Run uses; GC treats those blobs (and the header's base) as roots.
/// </summary>
internal static class RunJournalFiles
{
    public static string Directory(string registryRoot) => Path.Combine(IntegrationDirectory.PathFor(registryRoot), "journals");

    /// <summary>The journals as GC roots: GC keeps every blob a journal line (or header base) names.</summary>
    public static IGcRootFiles GcRoots { get; } = new RunJournalGcRoots();

    /// <summary>The journal of the older single-writer layout (one file per requested name).</summary>
    public static string PathFor(string registryRoot, ImageReference requested) =>
        Path.Combine(Directory(registryRoot), NameHash(requested) + ".jsonl");

    /// <summary>The journal of one writer of <paramref name="requested"/>.</summary>
    public static string PathFor(string registryRoot, ImageReference requested, string writer)
    {
        ArgumentException.ThrowIfNullOrEmpty(writer);
        if (!writer.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"Journal writer id must be letters and digits: {writer}", nameof(writer));
        }

        return Path.Combine(Directory(registryRoot), NameHash(requested) + "." + writer + ".jsonl");
    }

    /// <summary>Every journal recording <paramref name="requested"/> (any writer, and the older layout), oldest write first.</summary>
    public static IReadOnlyList<string> PathsFor(string registryRoot, ImageReference requested)
    {
        var dir = Directory(registryRoot);
        if (!System.IO.Directory.Exists(dir))
        {
            return [];
        }

        var hash = NameHash(requested);
        return System.IO.Directory.EnumerateFiles(dir, hash + "*.jsonl")
            .Where(p => Path.GetFileName(p) is { } f && (f == hash + ".jsonl" || f.StartsWith(hash + ".", StringComparison.Ordinal)))
            .OrderBy(File.GetLastWriteTimeUtc)
            .ToList();
    }

    /// <summary>The writer id a journal file name carries; <c>null</c> for the older single-writer layout.</summary>
    public static string? WriterOf(string path)
    {
        var parts = Path.GetFileName(path).Split('.');
        return parts.Length == 3 ? parts[1] : null;
    }

    /// <summary>The header of a journal file; <c>null</c> when it is missing, empty or has no valid header.</summary>
    public static JournalHeader? ReadHeader(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadLine() is { } line && JournalHeader.TryParse(line, out var header) ? header : null;
        }
        catch (Exception e) when (StorageErrors.IsFileError(e))
        {
            return null;
        }
    }

    private static string NameHash(ImageReference requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requested.ToString())));
    }

    /// <summary>Every digest any journal line references (layers and base), for GC's mark phase.</summary>
    public static IReadOnlyList<Digest> ReferencedDigests(string registryRoot) =>
        JournalPaths(registryRoot).SelectMany(DigestsIn).ToList();

    /// <summary>The journal files under a registry root.</summary>
    public static IReadOnlyList<string> JournalPaths(string registryRoot)
    {
        var dir = Directory(registryRoot);
        return System.IO.Directory.Exists(dir) ? System.IO.Directory.GetFiles(dir, "*.jsonl") : [];
    }

    /// <summary>The digests one journal file names (empty when it vanished).</summary>
    public static IReadOnlyList<Digest> DigestsIn(string file)
    {
        var digests = new List<Digest>();
        IEnumerable<string> lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (IOException)
        {
            return digests;
        }

        foreach (var line in lines)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            if (ManifestReferences.TryRead(bytes, out _, out var layers, out _))
            {
                // A record's config is the fixed empty descriptor (`{}`), there for the manifest shape only: it is
                // never stored, so naming it would make GC report a "missing" blob for every journal.
                digests.AddRange(layers);
            }
            else if (PreparedArtifactLine.TryParse(line, out var prepared))
            {
                // The artifact a test host stored for its build step to publish: under no ref yet, so kept from here
                // (GC marks the manifest's config and layers, the run-parameter table among them).
                digests.Add(prepared.Manifest);
            }
            else if (JournalHeader.TryParse(line, out var header) && header.Base is { } baseDigest)
            {
                digests.Add(baseDigest);
            }
        }

        return digests;
    }
}
