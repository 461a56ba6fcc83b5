using System.Security.Cryptography;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Doctor;

/// <summary>
/// The read-only checks of <c>ommx doctor</c>: SQLite integrity, blob hashes, every ref's closure
/// (manifest, config, layers, subject chain; each broken blob is reported once with every ref that
/// reaches it), writer temp files and misnamed blob files.
/// </summary>
internal static partial class DoctorChecks
{
    public static void IndexIntegrity(LocalRegistry registry, DoctorScan scan)
    {
        var lines = registry.Index.CheckIntegrity();
        scan.IntegrityCheck = lines;
        if (lines is not ["ok"])
        {
            foreach (var line in lines)
            {
                scan.Problems.Add(new DoctorProblem(DoctorProblemKind.IndexIntegrity, RegistryIndex.FileName, line)
                {
                    Hint = "back up the registry, then rebuild the index (export what still opens, import into a fresh root)",
                });
            }
        }
    }

    /// <summary>Re-hashes every blob (unless quick); returns the digests whose bytes do not match their names.</summary>
    public static HashSet<Digest> Blobs(LocalRegistry registry, BlobScan blobs, bool quick, DoctorScan scan)
    {
        var corrupt = new HashSet<Digest>();
        scan.BlobCount = blobs.Blobs.Count;
        scan.BlobBytes = blobs.Blobs.Values.Sum(b => b.Size);
        if (quick)
        {
            return corrupt;
        }

        foreach (var digest in blobs.Blobs.Keys.OrderBy(d => d.Hex, StringComparer.Ordinal))
        {
            try
            {
                using var file = new FileStream(registry.Blobs.PathFor(digest), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20);
                if (Digest.FromHash(SHA256.HashData(file)) != digest)
                {
                    corrupt.Add(digest);
                }

                scan.Rehashed++;
            }
            catch (FileNotFoundException)
            {
                // Removed by GC while scanning: not a problem.
            }
            catch (Exception e) when (StorageErrors.IsFileError(e))
            {
                corrupt.Add(digest);
            }
        }

        return corrupt;
    }

    public static void FileNames(BlobScan blobs, TimeSpan staleAfter, DoctorScan scan)
    {
        foreach (var path in blobs.UpperCaseNames)
        {
            scan.Problems.Add(new DoctorProblem(DoctorProblemKind.MisnamedBlob, path, "blob file name is upper-case hex; OCI digests are lower-case")
            {
                Hint = "rename it to lower-case hex if its content hashes to that name, otherwise delete it",
            });
        }

        var now = DateTime.UtcNow;
        foreach (var temp in blobs.TempFiles.Where(t => now - t.ModifiedUtc >= staleAfter).OrderBy(t => t.Path, StringComparer.Ordinal))
        {
            scan.Problems.Add(new DoctorProblem(DoctorProblemKind.StaleTempFile, temp.Path, $"writer temp file left behind ({ByteSize.Format(temp.Size)}, last written {temp.ModifiedUtc:yyyy-MM-dd HH:mm:ss}Z)")
            {
                Fixable = true,
            });
        }
    }
}
