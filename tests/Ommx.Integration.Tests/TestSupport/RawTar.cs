using System.Globalization;
using System.Text;

namespace Ommx.Integration.Tests.TestSupport;

/// <summary>
/// Writes tar headers byte by byte, for the entries a tar writer refuses to make: PAX records with any value,
/// GNU sparse entries, size fields in base-256. Each header gets a correct checksum.
/// </summary>
public sealed class RawTar
{
    private readonly MemoryStream bytes = new();

    /// <summary>A header; <paramref name="sizeField"/> is the raw 12-byte size field (octal text or base-256).</summary>
    public RawTar Header(string name, char type, byte[] sizeField, ReadOnlySpan<byte> data = default, string magic = "ustar\u000000")
    {
        var header = new byte[512];
        Encoding.ASCII.GetBytes(name).CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 116);
        sizeField.CopyTo(header, 124);
        Encoding.ASCII.GetBytes("00000000000\0").CopyTo(header, 136);
        header[156] = (byte)type;
        Encoding.ASCII.GetBytes(magic).CopyTo(header, 257);
        for (var i = 148; i < 156; i++)
        {
            header[i] = (byte)' ';
        }

        var sum = header.Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        bytes.Write(header);
        Data(data);
        return this;
    }

    /// <summary>A regular file with a correct octal size.</summary>
    public RawTar File(string name, ReadOnlySpan<byte> data) => Header(name, '0', Octal(data.Length), data);

    /// <summary>A PAX extended header ('x') whose records apply to the next entry.</summary>
    public RawTar Pax(params (string Key, string Value)[] records)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in records)
        {
            var body = $" {key}={value}\n";
            var length = body.Length + 1;
            while ((length.ToString(CultureInfo.InvariantCulture) + body).Length != length)
            {
                length++;
            }

            text.Append(length.ToString(CultureInfo.InvariantCulture)).Append(body);
        }

        var data = Encoding.UTF8.GetBytes(text.ToString());
        return Header("PaxHeaders/entry", 'x', Octal(data.Length), data);
    }

    public byte[] ToArray()
    {
        var result = bytes.ToArray().ToList();
        result.AddRange(new byte[1024]);
        return [.. result];
    }

    public static byte[] Octal(long size) => Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0");

    /// <summary>A size field in GNU base-256 (high bit set), for sizes octal cannot hold.</summary>
    public static byte[] Base256(long size)
    {
        var field = new byte[12];
        field[0] = 0x80;
        for (var i = 11; i >= 4; i--)
        {
            field[i] = (byte)(size & 0xff);
            size >>= 8;
        }

        return field;
    }

    private void Data(ReadOnlySpan<byte> data)
    {
        bytes.Write(data);
        var pad = (512 - (data.Length % 512)) % 512;
        bytes.Write(new byte[pad]);
    }
}
