using System.Text;

namespace Ommx.Integration.Registry.Archives;

/// <summary>
/// A minimal deterministic tar writer for OCI archives, mirroring OMMX's export: USTAR headers, regular
/// files only, mode 0644, mtime 0, owner fields left NUL, paths without <c>./</c>, two zero blocks at the end.
/// Sizes beyond the 11-digit octal field use the GNU base-256 form.
/// </summary>
internal sealed class UstarWriter
{
    private const int BlockSize = 512;
    private readonly Stream output;

    public UstarWriter(Stream output) => this.output = output;

    public void WriteFile(string path, ReadOnlySpan<byte> content)
    {
        WriteHeader(path, content.Length);
        output.Write(content);
        Pad(content.Length);
    }

    /// <summary>Copies exactly <paramref name="size"/> bytes from <paramref name="content"/>.</summary>
    public void WriteFile(string path, Stream content, long size)
    {
        WriteHeader(path, size);
        var buffer = new byte[1 << 20];
        long remaining = size;
        while (remaining > 0)
        {
            var n = content.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (n == 0)
            {
                throw new OmmxException($"Blob for {path} ended {remaining} bytes early");
            }

            output.Write(buffer, 0, n);
            remaining -= n;
        }

        // Let a verifying stream check the digest at its end.
        if (content.Read(buffer, 0, 1) != 0)
        {
            throw new OmmxException($"Blob for {path} is longer than its declared size {size}");
        }

        Pad(size);
    }

    public void Finish()
    {
        output.Write(new byte[BlockSize * 2]);
        output.Flush();
    }

    private void WriteHeader(string path, long size)
    {
        var header = new byte[BlockSize];
        var name = Encoding.UTF8.GetBytes(path);
        if (name.Length > 100)
        {
            throw new ArgumentException($"Tar path is longer than 100 bytes: {path}", nameof(path));
        }

        name.CopyTo(header, 0);
        Ascii(header, 100, "0000644\0");
        WriteSize(header, size);
        Ascii(header, 136, "00000000000\0");
        header[156] = (byte)'0';
        Ascii(header, 257, "ustar\0");
        Ascii(header, 263, "00");
        for (var i = 148; i < 156; i++)
        {
            header[i] = (byte)' ';
        }

        var sum = header.Sum(b => (int)b);
        Ascii(header, 148, Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ");
        output.Write(header);
    }

    private static void WriteSize(byte[] header, long size)
    {
        if (size <= 077777777777L)
        {
            Ascii(header, 124, Convert.ToString(size, 8).PadLeft(11, '0') + "\0");
            return;
        }

        header[124] = 0x80;
        for (var i = 135; i > 124; i--)
        {
            header[i] = (byte)(size & 0xff);
            size >>= 8;
        }
    }

    private void Pad(long size)
    {
        var rest = (int)(size % BlockSize);
        if (rest != 0)
        {
            output.Write(new byte[BlockSize - rest]);
        }
    }

    private static void Ascii(byte[] header, int offset, string text) =>
        Encoding.ASCII.GetBytes(text, 0, text.Length, header, offset);
}
