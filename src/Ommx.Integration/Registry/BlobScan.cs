using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>
/// One pass over the blob directories: valid blob files (lower-case sha256 names), files whose names
/// pass OMMX's looser check but not the OCI one (upper-case hex), and writers' temp files.
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

        foreach (var algorithmDir in new DirectoryInfo(store.BlobsDirectory).EnumerateDirectories())
        {
            var isSha256 = algorithmDir.Name == Digest.Sha256Algorithm;
            IEnumerable<FileInfo> files;
            try
            {
                files = algorithmDir.EnumerateFiles();
            }
            catch (DirectoryNotFoundException)
            {
                continue;
            }

            foreach (var file in files)
            {
                try
                {
                    if ((file.Attributes & FileAttributes.ReparsePoint) != 0)
                    {
                        continue;
                    }

                    var name = file.Name;
                    if (isSha256 && Digest.TryFromBlobFileName(name, out var digest))
                    {
                        scan.Blobs[digest] = new BlobFileInfo(file.FullName, file.Length, file.LastWriteTimeUtc);
                    }
                    else if (isSha256 && name.Length == 64 && name.All(char.IsAsciiHexDigit))
                    {
                        scan.UpperCaseNames.Add(file.FullName);
                    }
                    else if (name.StartsWith(".blob-", StringComparison.Ordinal))
                    {
                        scan.TempFiles.Add(new BlobFileInfo(file.FullName, file.Length, file.LastWriteTimeUtc));
                    }
                }
                catch (FileNotFoundException)
                {
                    // Vanished while scanning (a concurrent GC or a writer's rename): skip.
                }
            }
        }

        return scan;
    }
}
