using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Leases;
using ZstdSharp;

namespace Ommx.Integration.Experiments;

/// <summary>
/// One attachment namespace (the Experiment's, or one Run's). Names are unique in a scope and checked
/// before any payload is written; payload blobs are stored immediately. The scope's lock is held only to
/// check and claim a name and to add the finished entry, never while a blob is written.
/// </summary>
internal sealed class AttachmentScope
{
    private readonly LocalRegistry registry;
    private readonly Action beforeWrite;
    private readonly WriterLease? lease;
    private readonly HashSet<string> claimed = new(StringComparer.Ordinal);

    public AttachmentScope(LocalRegistry registry, SortedDictionary<string, Attachment> entries, Action beforeWrite, WriterLease? lease)
    {
        this.registry = registry;
        this.lease = lease;
        Entries = entries;
        this.beforeWrite = beforeWrite;
    }

    public SortedDictionary<string, Attachment> Entries { get; }

    public Attachment LogBytes(string name, string mediaType, ReadOnlySpan<byte> bytes, AttachmentCompression compression, string? filename = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(mediaType);
        Claim(name);
        try
        {
            var stored = compression == AttachmentCompression.Zstd ? Compress(bytes) : bytes.ToArray();
            var digest = registry.Blobs.Put(stored, lease);
            return Add(name, new Attachment(Descriptor(mediaType, digest, stored.Length, compression), filename));
        }
        finally
        {
            Release(name);
        }
    }

    /// <summary>Stores a typed OMMX payload uncompressed, with its descriptor annotations.</summary>
    public Attachment LogPayload(string name, PayloadLayer payload)
    {
        ArgumentNullException.ThrowIfNull(name);
        Claim(name);
        try
        {
            var digest = registry.Blobs.Put(payload.Bytes, lease);
            return Add(name, new Attachment(new Descriptor(payload.MediaType, digest, payload.Bytes.Length) { Annotations = payload.Annotations }, null));
        }
        finally
        {
            Release(name);
        }
    }

    /// <summary>Stores <paramref name="value"/> as OMMX's <c>log_json</c> does (<see cref="LogJsonEncoder"/>).</summary>
    public Attachment LogJson<T>(string name, T value, AttachmentCompression compression) =>
        LogBytes(name, MediaTypes.Json, LogJsonEncoder.Encode(value), compression);

    public Attachment LogFile(string name, string path, string? mediaType, string? filename, AttachmentCompression compression)
    {
        ArgumentNullException.ThrowIfNull(path);
        var basename = filename ?? Path.GetFileName(path);
        AttachmentNames.CheckFilename(basename);
        Claim(name);
        try
        {
            FileStream file;
            try
            {
                if (Directory.Exists(path))
                {
                    throw new ExperimentStateException($"Attachment path `{path}` is not a regular file");
                }

                file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            }
            catch (Exception e) when (StorageErrors.IsFileError(e))
            {
                throw new OmmxException($"Failed to open attachment file `{path}`: {e.Message}", e);
            }

            using (file)
            {
                var head = new byte[8192];
                var n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
                file.Position = 0;
                var type = mediaType ?? MediaTypeSniffer.Sniff(head.AsSpan(0, n));
                Digest digest;
                long size;
                if (compression == AttachmentCompression.Zstd)
                {
                    using var compressed = new MemoryStream();
                    using (var zstd = new CompressionStream(compressed, leaveOpen: true))
                    {
                        file.CopyTo(zstd);
                    }

                    compressed.Position = 0;
                    (digest, size) = registry.Blobs.Put(compressed, lease);
                }
                else
                {
                    (digest, size) = registry.Blobs.Put(file, lease);
                }

                return Add(name, new Attachment(Descriptor(type, digest, size, compression), basename));
            }
        }
        finally
        {
            Release(name);
        }
    }

    /// <summary>Checks that the scope is writable and the name free, and claims the name while its blob is written.</summary>
    private void Claim(string name)
    {
        lock (Entries)
        {
            beforeWrite();
            if (Entries.ContainsKey(name) || !claimed.Add(name))
            {
                throw new ExperimentStateException($"Attachment `{name}` already exists");
            }
        }
    }

    /// <summary>Adds the stored attachment, if the scope is still writable (a Run closed meanwhile refuses it).</summary>
    private Attachment Add(string name, Attachment attachment)
    {
        lock (Entries)
        {
            beforeWrite();
            Entries[name] = attachment;
            return attachment;
        }
    }

    private void Release(string name)
    {
        lock (Entries)
        {
            claimed.Remove(name);
        }
    }

    private static Descriptor Descriptor(string mediaType, Digest digest, long size, AttachmentCompression compression) =>
        compression == AttachmentCompression.Zstd
            ? new(mediaType + "+zstd", digest, size) { Annotations = new Dictionary<string, string> { [Attachment.CompressionAnnotation] = "zstd" } }
            : new(mediaType, digest, size) { Annotations = new Dictionary<string, string>() };

    private static byte[] Compress(ReadOnlySpan<byte> bytes)
    {
        using var compressor = new Compressor();
        return compressor.Wrap(bytes).ToArray();
    }

    /// <summary>The logical bytes of an attachment (decompressed when stored with zstd).</summary>
    public static byte[] Read(LocalRegistry registry, Attachment attachment)
    {
        var stored = registry.Blobs.Read(attachment.Stored);
        if (!attachment.IsCompressed)
        {
            return stored;
        }

        using var decompressor = new Decompressor();
        return decompressor.Unwrap(stored).ToArray();
    }
}
