using System.Formats.Tar;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Archives;

/// <summary>
/// Imports a <c>.ommx</c> archive (an OCI image layout in a tar), keeping the manifest digest. Accepts
/// archives without <c>oci-layout</c> (every v2-era file). Refuses, naming the entry and leaving the
/// registry unchanged: paths escaping the root, links, repeated entries whose bytes differ (identical repeats
/// are accepted), blobs whose bytes do not match
/// their name, truncated archives, declared sizes that lie, and manifests that are not OMMX manifests.
/// </summary>
internal static class OciArchiveImporter
{
    private const long MaxMetadataBytes = 16 << 20;

    public static ImportResult Import(LocalRegistry registry, string archivePath)
    {
        ArgumentNullException.ThrowIfNull(registry);
        using var session = new ImportSession(registry, archivePath);
        byte[]? layout = null;
        byte[]? index = null;
        var file = RegularFiles.OpenRead(archivePath, "Cannot open archive");
        using (file)
        using (var reader = new TarReader(file, leaveOpen: true))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (NextEntry(reader, archivePath) is { } entry)
            {
                var name = NormalizeEntryName(entry.Name, archivePath);
                if (entry is PaxTarEntry pax && pax.ExtendedAttributes.Keys.Any(k => k.StartsWith("GNU.sparse.", StringComparison.Ordinal)))
                {
                    // PAX-format GNU sparse files look regular, but their data is a sparse map, not the file.
                    throw new ArchiveFormatException(
                        $"Archive {archivePath}: entry {entry.Name} is a GNU sparse file; only regular files are allowed");
                }

                if (!IsRegular(entry.EntryType))
                {
                    if (entry.EntryType == TarEntryType.Directory)
                    {
                        continue;
                    }

                    throw new ArchiveFormatException(
                        $"Archive {archivePath}: entry {entry.Name} is a {Describe(entry.EntryType)}; only regular files are allowed");
                }

                // An entry may repeat (our own exporter once wrote a repeated layer twice) only with identical bytes.
                var repeated = !seen.Add(name);
                if (name == OciLayout.LayoutFileName)
                {
                    layout = SameAsBefore(layout, ReadMetadata(entry, archivePath), repeated, entry, archivePath);
                }
                else if (name == OciLayout.IndexFileName)
                {
                    index = SameAsBefore(index, ReadMetadata(entry, archivePath), repeated, entry, archivePath);
                }
                else if (name.StartsWith("blobs/", StringComparison.Ordinal))
                {
                    StageBlob(session, entry, name, archivePath);
                }
            }
        }

        if (layout is not null)
        {
            OciLayout.CheckLayout(layout, $"Archive {archivePath}");
        }

        if (index is null)
        {
            throw new ArchiveFormatException($"Archive {archivePath} has no index.json entry");
        }

        var descriptor = OciLayout.SingleManifest(index, archivePath);
        return session.Finish(descriptor, session.ImageNameFor(descriptor));
    }

    private static TarEntry? NextEntry(TarReader reader, string archivePath)
    {
        try
        {
            return reader.GetNextEntry(copyData: false);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException or ArgumentException)
        {
            throw new ArchiveFormatException($"Archive {archivePath} is truncated or not a tar file: {e.Message}", e);
        }
        catch (OverflowException e)
        {
            // A PAX `size` (or other number) beyond what a file can hold.
            throw new ArchiveFormatException($"Archive {archivePath} has an entry header with a number out of range (a PAX size?): {e.Message}", e);
        }
        catch (NotSupportedException e)
        {
            // The tar reader meets a GNU sparse ('S') or other entry type it cannot read.
            throw new ArchiveFormatException($"Archive {archivePath} has an entry the importer cannot read: {e.Message}; only regular files and directories are allowed", e);
        }
    }

    private static void StageBlob(ImportSession session, TarEntry entry, string name, string archivePath)
    {
        var parts = name.Split('/');
        if (parts.Length != 3 || parts[1] != Digest.Sha256Algorithm || !Digest.TryFromBlobFileName(parts[2], out var expected))
        {
            throw new ArchiveFormatException(
                $"Archive {archivePath}: entry {entry.Name} is not a blob named blobs/sha256/<64 lower-case hex>");
        }

        if (session.IsStaged(expected))
        {
            // A repeated entry: accepted only when it holds the very same bytes (same length, same sha256).
            using var again = entry.DataStream ?? Stream.Null;
            Digest digest;
            long length;
            try
            {
                (digest, length) = HashAll(again);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
            {
                throw new ArchiveFormatException($"Archive {archivePath} is truncated: entry {entry.Name} cannot be read: {e.Message}", e);
            }
            if (length != entry.Length)
            {
                throw new ArchiveFormatException(
                    $"Archive {archivePath} is truncated: entry {entry.Name} declares {entry.Length} bytes but holds {length}");
            }

            if (digest != expected)
            {
                throw new ArchiveFormatException(
                    $"Archive {archivePath}: entry {entry.Name} appears more than once with different bytes (the repeat hashes to {digest})");
            }

            return;
        }

        using var data = entry.DataStream ?? Stream.Null;
        var blob = session.StageFrom(data);
        if (blob.Size != entry.Length)
        {
            blob.Dispose();
            throw new ArchiveFormatException(
                $"Archive {archivePath} is truncated: entry {entry.Name} declares {entry.Length} bytes but holds {blob.Size}");
        }

        if (blob.Digest != expected)
        {
            blob.Dispose();
            throw new ArchiveFormatException(
                $"Blob digest mismatch in archive {archivePath}: entry {entry.Name} hashes to {blob.Digest}");
        }

        session.Add(blob);
    }

    private static byte[] SameAsBefore(byte[]? before, byte[] bytes, bool repeated, TarEntry entry, string archivePath)
    {
        if (repeated && before is not null && !before.AsSpan().SequenceEqual(bytes))
        {
            throw new ArchiveFormatException($"Archive {archivePath}: entry {entry.Name} appears more than once with different bytes");
        }

        return bytes;
    }

    private static (Digest Digest, long Length) HashAll(Stream data)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long length = 0;
        int n;
        while ((n = data.Read(buffer, 0, buffer.Length)) > 0)
        {
            hash.AppendData(buffer, 0, n);
            length += n;
        }

        return (Digest.FromHash(hash.GetHashAndReset()), length);
    }

    private static byte[] ReadMetadata(TarEntry entry, string archivePath)
    {
        if (entry.Length > MaxMetadataBytes)
        {
            throw new ArchiveFormatException($"Archive {archivePath}: entry {entry.Name} is implausibly large ({entry.Length} bytes)");
        }

        using var memory = new MemoryStream();
        entry.DataStream?.CopyTo(memory);
        if (memory.Length != entry.Length)
        {
            throw new ArchiveFormatException(
                $"Archive {archivePath} is truncated: entry {entry.Name} declares {entry.Length} bytes but holds {memory.Length}");
        }

        return memory.ToArray();
    }

    /// <summary>Strips <c>./</c> and refuses absolute paths and <c>..</c> segments.</summary>
    internal static string NormalizeEntryName(string raw, string archivePath)
    {
        var name = raw;
        while (name.StartsWith("./", StringComparison.Ordinal))
        {
            name = name[2..];
        }

        if (name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || Path.IsPathRooted(name)
            || name.Split('/').Any(segment => segment == ".."))
        {
            throw new ArchiveFormatException($"Archive {archivePath}: entry {raw} escapes the archive root");
        }

        return name.TrimEnd('/');
    }

    private static bool IsRegular(TarEntryType type) =>
        type is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile;

    private static string Describe(TarEntryType type) => type switch
    {
        TarEntryType.SymbolicLink => "symbolic link",
        TarEntryType.HardLink => "hard link",
        _ => type.ToString(),
    };
}
