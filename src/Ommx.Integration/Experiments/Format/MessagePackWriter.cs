using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Ommx.Integration.Experiments;

namespace Ommx.Integration.Experiments.Format;

/// <summary>
/// Writes MessagePack with the most compact header for every length and integer, strings always as
/// str (never bin) and floats always as float64, as rmpv's <c>write_value</c> does.
/// </summary>
internal sealed class MessagePackWriter
{
    private static readonly double CanonicalNaN = BitConverter.Int64BitsToDouble(0x7ff8000000000000);
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void WriteNil() => WriteByte(0xc0);

    public void WriteBool(bool value) => WriteByte(value ? (byte)0xc3 : (byte)0xc2);

    public void WriteUInt64(ulong value)
    {
        if (value <= 0x7f)
        {
            WriteByte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            WriteByte(0xcc);
            WriteByte((byte)value);
        }
        else if (value <= ushort.MaxValue)
        {
            BinaryPrimitives.WriteUInt16BigEndian(Reserve(0xcd, 2), (ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            BinaryPrimitives.WriteUInt32BigEndian(Reserve(0xce, 4), (uint)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(Reserve(0xcf, 8), value);
        }
    }

    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
        }
        else if (value >= -32)
        {
            WriteByte((byte)(sbyte)value);
        }
        else if (value >= sbyte.MinValue)
        {
            WriteByte(0xd0);
            WriteByte((byte)(sbyte)value);
        }
        else if (value >= short.MinValue)
        {
            BinaryPrimitives.WriteInt16BigEndian(Reserve(0xd1, 2), (short)value);
        }
        else if (value >= int.MinValue)
        {
            BinaryPrimitives.WriteInt32BigEndian(Reserve(0xd2, 4), (int)value);
        }
        else
        {
            BinaryPrimitives.WriteInt64BigEndian(Reserve(0xd3, 8), value);
        }
    }

    /// <summary>
    /// Every NaN is written as the canonical quiet NaN <c>7ff8000000000000</c>, as OMMX writes it; .NET's
    /// <see cref="double.NaN"/> has the sign bit set (<c>fff8…</c>), which would give the same table other bytes.
    /// </summary>
    public void WriteFloat64(double value) =>
        BinaryPrimitives.WriteDoubleBigEndian(Reserve(0xcb, 8), double.IsNaN(value) ? CanonicalNaN : value);


    /// <summary>The bytes written so far (valid until the next write or <see cref="Reset"/>).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>Starts over, keeping the buffer.</summary>
    public void Reset() => _buffer.ResetWrittenCount();

    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteLengthHeader(length, fixMarker: 0xa0, fixLimit: 31, marker8: 0xd9, marker16: 0xda, marker32: 0xdb);
        _buffer.Advance(Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length)));
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteLengthHeader(value.Length, fixMarker: null, fixLimit: -1, marker8: 0xc4, marker16: 0xc5, marker32: 0xc6);
        WriteBytes(value);
    }

    public void WriteArrayHeader(int count) =>
        WriteLengthHeader(count, fixMarker: 0x90, fixLimit: 15, marker8: null, marker16: 0xdc, marker32: 0xdd);

    public void WriteMapHeader(int count) =>
        WriteLengthHeader(count, fixMarker: 0x80, fixLimit: 15, marker8: null, marker16: 0xde, marker32: 0xdf);

    private void WriteLengthHeader(int length, byte? fixMarker, int fixLimit, byte? marker8, byte marker16, byte marker32)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (fixMarker is { } fix && length <= fixLimit)
        {
            WriteByte((byte)(fix | length));
        }
        else if (marker8 is { } m8 && length <= byte.MaxValue)
        {
            WriteByte(m8);
            WriteByte((byte)length);
        }
        else if (length <= ushort.MaxValue)
        {
            BinaryPrimitives.WriteUInt16BigEndian(Reserve(marker16, 2), (ushort)length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(Reserve(marker32, 4), (uint)length);
        }
    }

    private void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }

    /// <summary>Writes <paramref name="marker"/> and returns the next <paramref name="size"/> bytes to fill.</summary>
    private Span<byte> Reserve(byte marker, int size)
    {
        var span = _buffer.GetSpan(size + 1);
        span[0] = marker;
        _buffer.Advance(size + 1);
        return span.Slice(1, size);
    }
}
