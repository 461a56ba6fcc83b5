using System.Security.Cryptography;
using System.Text;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry.Gc;

namespace Ommx.Integration.Registry;

/// <summary>
/// Where Run journals live: <c>&lt;root&gt;/.ommx-integration/journals/&lt;sha256 of the requested name&gt;.jsonl</c>,
/// outside OMMX's own layout (OMMX ignores the directory). Each line after the header is a manifest JSON
/// whose layers are the blobs a journalled Run uses; GC treats those blobs (and the header's base) as roots.
/// </summary>
public static class RunJournalFiles
{
    public const string DirectoryName = ".ommx-integration";

    public static string Directory(string registryRoot) => Path.Combine(registryRoot, DirectoryName, "journals");

    public static string PathFor(string registryRoot, ImageReference requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requested.ToString())));
        return Path.Combine(Directory(registryRoot), hash + ".jsonl");
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
            else if (JournalHeader.TryParse(line, out var header) && header.Base is { } baseDigest)
            {
                digests.Add(baseDigest);
            }
        }

        return digests;
    }
}
