using System.Buffers.Binary;
using System.Text;

namespace Ommx.Integration.Experiments;

/// <summary>A minimal MessagePack reader over a byte span; throws <see cref="RunParameterFormatException"/> on malformed input.</summary>
internal ref struct MessagePackReader
{
    private readonly ReadOnlySpan<byte> data;
    private int position;

    public MessagePackReader(ReadOnlySpan<byte> data)
    {
        this.data = data;
        position = 0;
    }

    public readonly bool End => position >= data.Length;

    public readonly byte Peek() => position < data.Length ? data[position] : throw Truncated();

    public int ReadMapHeader()
    {
        var b = Next();
        return b switch
        {
            >= 0x80 and <= 0x8f => b & 0x0f,
            0xde => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xdf => checked((int)BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            _ => throw new RunParameterFormatException($"Expected a MessagePack map, found marker 0x{b:x2}"),
        };
    }

    public int ReadArrayHeader()
    {
        var b = Next();
        return b switch
        {
            >= 0x90 and <= 0x9f => b & 0x0f,
            0xdc => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xdd => checked((int)BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            _ => throw new RunParameterFormatException($"Expected a MessagePack array, found marker 0x{b:x2}"),
        };
    }

    public readonly bool IsString() => Peek() is (>= 0xa0 and <= 0xbf) or 0xd9 or 0xda or 0xdb;

    public string ReadString()
    {
        var b = Next();
        var length = b switch
        {
            >= 0xa0 and <= 0xbf => b & 0x1f,
            0xd9 => Take(1)[0],
            0xda => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xdb => checked((int)BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            _ => throw new RunParameterFormatException($"Expected a MessagePack string, found marker 0x{b:x2}"),
        };
        try
        {
            return new UTF8Encoding(false, true).GetString(Take(length));
        }
        catch (DecoderFallbackException)
        {
            throw new RunParameterFormatException("MessagePack string is not valid UTF-8");
        }
    }

    public readonly bool IsInteger() => Peek() is <= 0x7f or >= 0xe0 or (>= 0xcc and <= 0xd3);

    /// <summary>Reads any integer, with its sign and whether it fits in an int64.</summary>
    public (ulong Magnitude, long Signed, bool Negative, bool FitsInt64) ReadInteger()
    {
        var b = Next();
        switch (b)
        {
            case <= 0x7f: return (b, b, false, true);
            case >= 0xe0: return (0, (sbyte)b, true, true);
            case 0xcc: return Unsigned(Take(1)[0]);
            case 0xcd: return Unsigned(BinaryPrimitives.ReadUInt16BigEndian(Take(2)));
            case 0xce: return Unsigned(BinaryPrimitives.ReadUInt32BigEndian(Take(4)));
            case 0xcf: return Unsigned(BinaryPrimitives.ReadUInt64BigEndian(Take(8)));
            case 0xd0: return Signed((sbyte)Take(1)[0]);
            case 0xd1: return Signed(BinaryPrimitives.ReadInt16BigEndian(Take(2)));
            case 0xd2: return Signed(BinaryPrimitives.ReadInt32BigEndian(Take(4)));
            case 0xd3: return Signed(BinaryPrimitives.ReadInt64BigEndian(Take(8)));
            default: throw new RunParameterFormatException($"Expected a MessagePack integer, found marker 0x{b:x2}");
        }

        static (ulong, long, bool, bool) Unsigned(ulong v) => (v, unchecked((long)v), false, v <= long.MaxValue);

        static (ulong, long, bool, bool) Signed(long v) => (v < 0 ? 0 : (ulong)v, v, v < 0, true);
    }

    public bool ReadBool()
    {
        var b = Next();
        return b switch
        {
            0xc2 => false,
            0xc3 => true,
            _ => throw new RunParameterFormatException($"Expected a MessagePack bool, found marker 0x{b:x2}"),
        };
    }

    /// <summary>Reads a float64 (marker 0xcb); anything else (float32 included) is refused.</summary>
    public double ReadFloat64()
    {
        var b = Next();
        return b == 0xcb
            ? BinaryPrimitives.ReadDoubleBigEndian(Take(8))
            : throw new RunParameterFormatException("Expected float64 run parameter value");
    }

    public void Skip()
    {
        var b = Peek();
        switch (b)
        {
            case <= 0x7f or >= 0xe0 or (>= 0xcc and <= 0xd3):
                ReadInteger();
                return;
            case >= 0x80 and <= 0x8f or 0xde or 0xdf:
                var pairs = ReadMapHeader();
                for (var i = 0; i < pairs * 2; i++)
                {
                    Skip();
                }

                return;
            case >= 0x90 and <= 0x9f or 0xdc or 0xdd:
                var items = ReadArrayHeader();
                for (var i = 0; i < items; i++)
                {
                    Skip();
                }

                return;
            case (>= 0xa0 and <= 0xbf) or 0xd9 or 0xda or 0xdb:
                ReadString();
                return;
        }

        position++;
        switch (b)
        {
            case 0xc0 or 0xc2 or 0xc3: return;
            case 0xca: Take(4); return;
            case 0xcb: Take(8); return;
            case 0xc4: Take(Take(1)[0]); return;
            case 0xc5: Take(BinaryPrimitives.ReadUInt16BigEndian(Take(2))); return;
            case 0xc6: Take(checked((int)BinaryPrimitives.ReadUInt32BigEndian(Take(4)))); return;
            case 0xd4: Take(2); return;
            case 0xd5: Take(3); return;
            case 0xd6: Take(5); return;
            case 0xd7: Take(9); return;
            case 0xd8: Take(17); return;
            case 0xc7: Take(Take(1)[0] + 1); return;
            case 0xc8: Take(BinaryPrimitives.ReadUInt16BigEndian(Take(2)) + 1); return;
            case 0xc9: Take(checked((int)BinaryPrimitives.ReadUInt32BigEndian(Take(4)) + 1)); return;
            default: throw new RunParameterFormatException($"Invalid MessagePack marker 0x{b:x2}");
        }
    }

    private byte Next() => position < data.Length ? data[position++] : throw Truncated();

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n < 0 || position + n > data.Length)
        {
            throw Truncated();
        }

        var span = data.Slice(position, n);
        position += n;
        return span;
    }

    private static RunParameterFormatException Truncated() => new("MessagePack value is truncated");
}
