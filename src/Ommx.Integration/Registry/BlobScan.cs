using System.IO.Enumeration;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>
/// One pass over the blob directories: valid blob files (lower-case sha256 names), files whose names
/// pass OMMX's looser check but not the OCI one (upper-case hex), and writers' temp files. Sizes and
/// mtimes come from the directory enumeration itself (one stat per file, no FileInfo objects).
/// </summary>
internal sealed class BlobScan
{
    public Dictionary<Digest, BlobFileInfo> Blobs { get; } = [];

    public List<string> UpperCaseNames { get; } = [];

    public List<BlobFileInfo> TempFiles { get; } = [];

    public static BlobScan Run(BlobStore store)
    {
        var scan = new BlobScan();
        if (!Directory.Exists(store.BlobsDirectory))
        {
            return scan;
        }

        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var algorithmDir in Directory.EnumerateDirectories(store.BlobsDirectory))
        {
            var isSha256 = Path.GetFileName(algorithmDir) == Digest.Sha256Algorithm;
            var entries = new FileSystemEnumerable<(string Name, long Size, DateTime Modified)>(
                algorithmDir,
                (ref FileSystemEntry e) => (e.FileName.ToString(), e.Length, e.LastWriteTimeUtc.UtcDateTime),
                options)
            {
                ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory,
            };
            try
            {
                foreach (var (name, size, modified) in entries)
                {
                    if (isSha256 && Digest.TryFromBlobFileName(name, out var digest))
                    {
                        scan.Blobs[digest] = new BlobFileInfo(name, size, modified);
                    }
                    else if (isSha256 && name.Length == 64 && name.All(char.IsAsciiHexDigit))
                    {
                        scan.UpperCaseNames.Add(Path.Combine(algorithmDir, name));
                    }
                    else if (isSha256 && BlobStore.IsWriterTempFileName(name))
                    {
                        scan.TempFiles.Add(new BlobFileInfo(Path.Combine(algorithmDir, name), size, modified));
                    }
                }
            }
            catch (DirectoryNotFoundException)
            {
                // The directory vanished while scanning.
            }
        }

        return scan;
    }
}
