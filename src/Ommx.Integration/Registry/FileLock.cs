using System.Diagnostics;

namespace Ommx.Integration.Registry;

/// <summary>
/// An exclusive, blocking, advisory lock on a whole file, compatible with OMMX's Rust
/// <c>File::lock()</c> (<c>flock(LOCK_EX)</c> on Unix, <c>LockFileEx</c> on Windows).
/// .NET takes a non-blocking <c>flock</c> when a file is opened with <see cref="FileShare.None"/>,
/// so blocking is emulated by retrying with a short back-off. Lock files are never deleted.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileStream stream;

    private FileLock(FileStream stream) => this.stream = stream;

    public static FileLock Acquire(string path, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var delay = 1;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                return new FileLock(stream);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Held by another process or handle: wait and retry.
            }
            catch (UnauthorizedAccessException e)
            {
                throw new OmmxException($"Cannot open lock file {path}: {e.Message}", e);
            }

            if (timeout is not null && watch.Elapsed >= timeout)
            {
                throw new OmmxException($"Timed out after {timeout} waiting for the lock {path}");
            }

            Thread.Sleep(delay);
            delay = Math.Min(delay * 2, 20);
        }
    }

    /// <summary>Tries once; returns <c>null</c> if another holder has the lock.</summary>
    public static FileLock? TryAcquire(string path)
    {
        try
        {
            return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    public void Dispose() => stream.Dispose();
}
