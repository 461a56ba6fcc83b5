using System.Diagnostics;
using System.Globalization;

namespace Ommx.Integration.Tests.TestSupport;

/// <summary>
/// A small real file system mounted on a temp directory so a test can fill it: a size-limited tmpfs, or
/// (where tmpfs cannot be mounted) a loop-mounted ext4 image. Needs root on Linux; <see cref="Unavailable"/>
/// says why not when it cannot be had.
/// </summary>
public sealed class SmallFileSystem : IDisposable
{
    private static readonly Lazy<string?> Probe = new(ProbeOnce);
    private readonly string? image;

    private SmallFileSystem(string path, string kind, string? image)
    {
        Path = path;
        Kind = kind;
        this.image = image;
    }

    public string Path { get; }

    /// <summary><c>tmpfs</c> or <c>ext4 (loop)</c>.</summary>
    public string Kind { get; }

    /// <summary>Why neither kind can be mounted here, or <c>null</c> when one can.</summary>
    public static string? Unavailable => Probe.Value;

    public static SmallFileSystem Mount(string path, long bytes)
    {
        Directory.CreateDirectory(path);
        var size = bytes.ToString(CultureInfo.InvariantCulture);
        if (Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path) is null)
        {
            return new SmallFileSystem(path, "tmpfs", null);
        }

        var image = path + ".img";
        using (var file = File.Create(image))
        {
            file.SetLength(bytes);
        }

        var error = Run("mkfs.ext4", "-q", "-F", image) ?? Run("mount", "-o", "loop", image, path);
        if (error is not null)
        {
            File.Delete(image);
            throw new InvalidOperationException($"Cannot mount a small file system on {path}: {error}");
        }

        return new SmallFileSystem(path, "ext4 (loop)", image);
    }

    public void Dispose()
    {
        if (Run("umount", Path) is not null)
        {
            Run("umount", "-l", Path);
        }

        if (image is not null)
        {
            File.Delete(image);
        }
    }

    private static string? ProbeOnce()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "mounting a size-limited file system needs Linux (tmpfs or a loop-mounted ext4 image)";
        }

        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ommx-tests", "mount-probe-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using (Mount(dir, 1 << 20))
            {
            }

            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            return $"neither `mount -t tmpfs -o size=…` nor a loop-mounted ext4 image works here (needs root): {e.Message}";
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Runs a command; <c>null</c> on success, else its error text.</summary>
    private static string? Run(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        args.ToList().ForEach(info.ArgumentList.Add);
        try
        {
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{command} exited {process.ExitCode}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{command}: {e.Message}";
        }
    }
}
