using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Ommx.Integration.Experiments;

/// <summary>A minimal MessagePack writer using the most compact encodings (floats always float64).</summary>
internal sealed class MessagePackWriter
{
    private readonly ArrayBufferWriter<byte> output = new(256);

    public byte[] ToArray() => output.WrittenSpan.ToArray();

    public void MapHeader(int count)
    {
        if (count < 16)
        {
            Byte((byte)(0x80 | count));
        }
        else if (count <= ushort.MaxValue)
        {
            Byte(0xde);
            UInt16((ushort)count);
        }
        else
        {
            Byte(0xdf);
            UInt32((uint)count);
        }
    }

    public void String(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length < 32)
        {
            Byte((byte)(0xa0 | bytes.Length));
        }
        else if (bytes.Length <= byte.MaxValue)
        {
            Byte(0xd9);
            Byte((byte)bytes.Length);
        }
        else if (bytes.Length <= ushort.MaxValue)
        {
            Byte(0xda);
            UInt16((ushort)bytes.Length);
        }
        else
        {
            Byte(0xdb);
            UInt32((uint)bytes.Length);
        }

        output.Write(bytes);
    }

    public void Bool(bool value) => Byte(value ? (byte)0xc3 : (byte)0xc2);

    public void UInt(ulong value)
    {
        if (value < 0x80)
        {
            Byte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            Byte(0xcc);
            Byte((byte)value);
        }
        else if (value <= ushort.MaxValue)
        {
            Byte(0xcd);
            UInt16((ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            Byte(0xce);
            UInt32((uint)value);
        }
        else
        {
            Byte(0xcf);
            BinaryPrimitives.WriteUInt64BigEndian(output.GetSpan(8), value);
            output.Advance(8);
        }
    }

    public void Int(long value)
    {
        if (value >= 0)
        {
            UInt((ulong)value);
        }
        else if (value >= -32)
        {
            Byte((byte)(sbyte)value);
        }
        else if (value >= sbyte.MinValue)
        {
            Byte(0xd0);
            Byte((byte)(sbyte)value);
        }
        else if (value >= short.MinValue)
        {
            Byte(0xd1);
            BinaryPrimitives.WriteInt16BigEndian(output.GetSpan(2), (short)value);
            output.Advance(2);
        }
        else if (value >= int.MinValue)
        {
            Byte(0xd2);
            BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), (int)value);
            output.Advance(4);
        }
        else
        {
            Byte(0xd3);
            BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), value);
            output.Advance(8);
        }
    }

    public void Float64(double value)
    {
        Byte(0xcb);
        BinaryPrimitives.WriteDoubleBigEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    private void Byte(byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }

    private void UInt16(ushort v)
    {
        BinaryPrimitives.WriteUInt16BigEndian(output.GetSpan(2), v);
        output.Advance(2);
    }

    private void UInt32(uint v)
    {
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), v);
        output.Advance(4);
    }
}
