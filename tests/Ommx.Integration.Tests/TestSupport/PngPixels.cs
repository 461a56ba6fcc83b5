using System.Buffers.Binary;
using System.IO.Compression;

namespace Ommx.Integration.Tests.TestSupport;

/// <summary>
/// Decodes the 8-bit, non-interlaced RGB or RGBA PNG a browser screenshot is, to tell a blank page (one colour)
/// from a drawn one: the spread of its luminance values.
/// </summary>
internal sealed class PngPixels
{
    private PngPixels(int width, int height, byte[] rgb)
    {
        Width = width;
        Height = height;
        Rgb = rgb;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Three bytes per pixel, rows top to bottom.</summary>
    public byte[] Rgb { get; }

    public static PngPixels Decode(byte[] png)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            throw new InvalidDataException("not a PNG");
        }

        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at + 8 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                channels = (data[8], data[9], data[12]) switch
                {
                    (8, 2, 0) => 3,
                    (8, 6, 0) => 4,
                    var other => throw new InvalidDataException($"unsupported PNG layout {other}"),
                };
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * channels;
        var previous = new byte[stride];
        var current = new byte[stride];
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            Array.Copy(raw, y * (stride + 1) + 1, current, 0, stride);
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? current[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
                current[i] = (byte)(current[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"bad PNG filter {filter}"),
                });
            }

            for (var x = 0; x < width; x++)
            {
                Array.Copy(current, x * channels, rgb, (y * width + x) * 3, 3);
            }

            (previous, current) = (current, previous);
        }

        return new PngPixels(width, height, rgb);
    }

    /// <summary>The standard deviation of the pixels' luminance (0 for a one-colour image).</summary>
    public double LuminanceSpread()
    {
        double sum = 0, squares = 0;
        var count = Rgb.Length / 3;
        for (var i = 0; i < Rgb.Length; i += 3)
        {
            var l = 0.299 * Rgb[i] + 0.587 * Rgb[i + 1] + 0.114 * Rgb[i + 2];
            sum += l;
            squares += l * l;
        }

        var mean = sum / count;
        return Math.Sqrt(Math.Max(0, squares / count - mean * mean));
    }

    /// <summary>How many distinct colours the image has (a blank page has one).</summary>
    public int DistinctColours() =>
        Enumerable.Range(0, Rgb.Length / 3).Select(i => (Rgb[i * 3] << 16) | (Rgb[i * 3 + 1] << 8) | Rgb[i * 3 + 2]).Distinct().Count();

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
