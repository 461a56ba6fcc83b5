using Microsoft.Data.Sqlite;

namespace Ommx.Integration.Registry;

/// <summary>Recognises "no space left" errors from files and SQLite and turns them into <see cref="StorageFullException"/>.</summary>
internal static class DiskFull
{
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int SqliteFull = 13;

    public static bool Is(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode == SqliteFull,
        IOException io => io.HResult is Enospc or Edquot or WindowsDiskFull or WindowsHandleDiskFull,
        _ => false,
    };

    public static StorageFullException Error(string path, Exception inner)
    {
        string? mount = null;
        long? free = null;
        long? total = null;
        try
        {
            var drive = FindDrive(System.IO.Path.GetFullPath(path));
            mount = drive?.Name;
            free = drive?.AvailableFreeSpace;
            total = drive?.TotalSize;
        }
        catch (Exception e) when (StorageErrors.IsFileError(e))
        {
            // The message still names the file.
        }

        var where = mount is null ? string.Empty : $" on {mount} ({ByteSize.Format(free ?? 0)} free of {ByteSize.Format(total ?? 0)})";
        return new StorageFullException(
            $"No space left on the disk holding the Local Registry{where} while writing {path}; free space there, then retry (nothing already stored was lost)",
            path, mount, free, inner);
    }

    /// <summary>The mounted file system with the longest root that contains <paramref name="fullPath"/>.</summary>
    private static DriveInfo? FindDrive(string fullPath) => DriveInfo.GetDrives()
        .Where(d => fullPath.StartsWith(d.Name, StringComparison.Ordinal) && (d.Name.EndsWith('/') || d.Name.EndsWith('\\') || fullPath.Length == d.Name.Length || fullPath[d.Name.Length] is '/' or '\\'))
        .OrderByDescending(d => d.Name.Length)
        .FirstOrDefault();
}
