using Microsoft.Data.Sqlite;

namespace Ommx.Integration;

/// <summary>
/// The one exception policy for recording and storage: which exceptions mean "the store (or a file of ours)
/// could not be read or written" and therefore become a diagnostic — a failed outcome, a warning, an OMMX
/// code, a CLI error line — instead of a crash. Anything else is a bug and propagates.
/// </summary>
internal static class StorageErrors
{
    /// <summary>
    /// A recording or storage error: ours (<see cref="OmmxException"/>, which names the cause and the fix), the
    /// file system's (<see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>) or SQLite's
    /// (<see cref="SqliteException"/>, index and lease file).
    /// </summary>
    public static bool IsStorageError(Exception e) =>
        e is OmmxException or IOException or UnauthorizedAccessException or SqliteException;

    /// <summary>A file could not be read or written (missing, locked, no permission): for best-effort reads of one file.</summary>
    public static bool IsFileError(Exception e) => e is IOException or UnauthorizedAccessException;
}
