using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Ommx.Integration.Registry.Archives;

/// <summary>
/// Reads only regular files, with size caps: a FIFO would block an open forever and a device such as
/// <c>/dev/zero</c> would be read without bound, so every path an import reads is probed first (Linux
/// <c>statx</c>; elsewhere the file-system attributes) and anything but a regular file is refused.
/// </summary>
internal static class RegularFiles
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxBufferSize = 256;
    private const int Enoent = 2;
    private const int Enotdir = 20;
    private const int Eloop = 40;

    private static bool statxMissing;

    /// <summary>Probes <paramref name="path"/>; with <paramref name="followLinks"/> a symbolic link is described by its target.</summary>
    public static FileProbe Probe(string path, bool followLinks)
    {
        if (OperatingSystem.IsLinux() && !statxMissing)
        {
            try
            {
                return ProbeLinux(path, followLinks);
            }
            catch (EntryPointNotFoundException)
            {
                statxMissing = true;
            }
            catch (DllNotFoundException)
            {
                statxMissing = true;
            }
        }

        return ProbePortable(path, followLinks);
    }

    /// <summary>Opens a regular file for reading, or refuses (naming <paramref name="what"/>) anything else.</summary>
    public static FileStream OpenRead(string path, string what)
    {
        var probe = Probe(path, followLinks: true);
        if (probe.Kind == FileKind.Missing)
        {
            throw new ArchiveFormatException($"{what}: {path} does not exist");
        }

        if (!probe.IsRegular)
        {
            throw new ArchiveFormatException($"{what}: {path} is {probe.Described}; only regular files are read");
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (StorageErrors.IsFileError(e))
        {
            throw new ArchiveFormatException($"{what}: cannot open {path}: {e.Message}", e);
        }
    }

    /// <summary>Reads a small regular file whole, refusing one larger than <paramref name="maxBytes"/> without reading past the cap.</summary>
    public static byte[] ReadSmall(string path, long maxBytes, string what)
    {
        using var stream = OpenRead(path, what);
        var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > maxBytes)
            {
                throw new ArchiveFormatException($"{what}: {path} is larger than {maxBytes} bytes, implausibly large for this file");
            }
        }

        return buffer.ToArray();
    }

    private static FileProbe ProbeLinux(string path, bool followLinks)
    {
        var buffer = new byte[StatxBufferSize];
        if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error switch
            {
                Enoent or Enotdir => new FileProbe(FileKind.Missing, 0, path),
                Eloop => new FileProbe(FileKind.SymbolicLinkLoop, 0, path),
                _ => ProbePortable(path, followLinks),
            };
        }

        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28));
        var inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32));
        var size = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(40));
        var deviceMajor = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(136));
        var deviceMinor = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(140));
        var kind = (mode & 0xf000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xa000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xc000 => FileKind.Socket,
            _ => FileKind.Other,
        };
        return new FileProbe(kind, size, $"{deviceMajor}:{deviceMinor}:{inode}");
    }

    private static FileProbe ProbePortable(string path, bool followLinks)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists)
        {
            return new FileProbe(FileKind.Missing, 0, path);
        }

        if (info.LinkTarget is not null)
        {
            if (!followLinks)
            {
                return new FileProbe(FileKind.SymbolicLink, 0, Path.GetFullPath(path));
            }

            try
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null || !target.Exists)
                {
                    return new FileProbe(FileKind.Missing, 0, path);
                }

                info = target;
            }
            catch (IOException)
            {
                return new FileProbe(FileKind.SymbolicLinkLoop, 0, path);
            }
        }

        return info is FileInfo file
            ? new FileProbe(FileKind.Regular, file.Length, Path.GetFullPath(file.FullName))
            : new FileProbe(FileKind.Directory, 0, Path.GetFullPath(info.FullName));
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
