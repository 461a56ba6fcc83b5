using System.Buffers.Binary;
using System.Text;
using Ommx.Integration.Experiments;

namespace Ommx.Integration.Experiments.Format;

/// <summary>
/// Reads MessagePack one value at a time from a byte buffer: nil, bool, every integer form, float32
/// and float64, str, bin, array and map (ext values can only be skipped). Malformed or truncated
/// input raises <see cref="InvalidDataException"/>; callers turn that into their own error type.
/// </summary>
internal sealed class MessagePackReader
{
    private const int MaxDepth = 512;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlyMemory<byte> _bytes;
    private int _position;

    public MessagePackReader(ReadOnlyMemory<byte> bytes)
    {
        _bytes = bytes;
    }

    /// <summary>The offset of the next byte to read; may be set back to re-read a value.</summary>
    public int Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, _bytes.Length);
            _position = value;
        }
    }

    /// <summary>Whether every byte has been read.</summary>
    public bool End => _position >= _bytes.Length;

    /// <summary>The marker byte of the next value, without consuming it.</summary>
    public byte PeekMarker()
    {
        if (End)
        {
            throw Truncated();
        }

        return _bytes.Span[_position];
    }

    public bool NextIsNil() => PeekMarker() == 0xc0;

    public bool NextIsBool() => PeekMarker() is 0xc2 or 0xc3;

    public bool NextIsInteger() => PeekMarker() is <= 0x7f or >= 0xe0 or (>= 0xcc and <= 0xd3);

    public bool NextIsFloat32() => PeekMarker() == 0xca;

    public bool NextIsFloat64() => PeekMarker() == 0xcb;

    public bool NextIsString() => PeekMarker() is (>= 0xa0 and <= 0xbf) or (>= 0xd9 and <= 0xdb);

    public bool NextIsBinary() => PeekMarker() is >= 0xc4 and <= 0xc6;

    public bool NextIsArray() => PeekMarker() is (>= 0x90 and <= 0x9f) or 0xdc or 0xdd;

    public bool NextIsMap() => PeekMarker() is (>= 0x80 and <= 0x8f) or 0xde or 0xdf;

    /// <summary>Consumes a nil if one comes next.</summary>
    public bool TryReadNil()
    {
        if (!NextIsNil())
        {
            return false;
        }

        _position++;
        return true;
    }

    public bool ReadBool()
    {
        var marker = ReadMarker("a bool");
        return marker switch
        {
            0xc2 => false,
            0xc3 => true,
            _ => throw Unexpected("a bool", marker),
        };
    }

    /// <summary>Reads any integer form; the result covers the whole int64 and uint64 ranges.</summary>
    public Int128 ReadInteger()
    {
        var marker = ReadMarker("an integer");
        return marker switch
        {
            <= 0x7f => marker,
            >= 0xe0 => (sbyte)marker,
            0xcc => Take(1)[0],
            0xcd => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xce => BinaryPrimitives.ReadUInt32BigEndian(Take(4)),
            0xcf => BinaryPrimitives.ReadUInt64BigEndian(Take(8)),
            0xd0 => (sbyte)Take(1)[0],
            0xd1 => BinaryPrimitives.ReadInt16BigEndian(Take(2)),
            0xd2 => BinaryPrimitives.ReadInt32BigEndian(Take(4)),
            0xd3 => BinaryPrimitives.ReadInt64BigEndian(Take(8)),
            _ => throw Unexpected("an integer", marker),
        };
    }

    /// <summary>Reads a float32 (widened) or a float64.</summary>
    public double ReadFloat()
    {
        var marker = ReadMarker("a float");
        return marker switch
        {
            0xca => BinaryPrimitives.ReadSingleBigEndian(Take(4)),
            0xcb => BinaryPrimitives.ReadDoubleBigEndian(Take(8)),
            _ => throw Unexpected("a float", marker),
        };
    }

    public string ReadString()
    {
        var start = _position;
        var marker = ReadMarker("a string");
        var length = marker switch
        {
            >= 0xa0 and <= 0xbf => marker & 0x1f,
            0xd9 => Take(1)[0],
            0xda => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xdb => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4)), 1),
            _ => throw Unexpected("a string", marker),
        };
        try
        {
            return StrictUtf8.GetString(Take(length));
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"MessagePack string at byte {start} is not valid UTF-8", e);
        }
    }

    public ReadOnlyMemory<byte> ReadBinary()
    {
        var marker = ReadMarker("binary data");
        var length = marker switch
        {
            0xc4 => Take(1)[0],
            0xc5 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xc6 => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4)), 1),
            _ => throw Unexpected("binary data", marker),
        };
        var start = _position;
        Take(length);
        return _bytes.Slice(start, length);
    }

    /// <summary>Reads an array header and returns the number of elements that follow.</summary>
    public int ReadArrayHeader()
    {
        var marker = ReadMarker("an array");
        return marker switch
        {
            >= 0x90 and <= 0x9f => CheckedLength((uint)(marker & 0x0f), 1),
            0xdc => CheckedLength(BinaryPrimitives.ReadUInt16BigEndian(Take(2)), 1),
            0xdd => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4)), 1),
            _ => throw Unexpected("an array", marker),
        };
    }

    /// <summary>Reads a map header and returns the number of key/value pairs that follow.</summary>
    public int ReadMapHeader()
    {
        var marker = ReadMarker("a map");
        return marker switch
        {
            >= 0x80 and <= 0x8f => CheckedLength((uint)(marker & 0x0f), 2),
            0xde => CheckedLength(BinaryPrimitives.ReadUInt16BigEndian(Take(2)), 2),
            0xdf => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4)), 2),
            _ => throw Unexpected("a map", marker),
        };
    }

    /// <summary>Skips one whole value, however deeply nested, without recursion.</summary>
    public void Skip()
    {
        long pending = 1;
        while (pending > 0)
        {
            pending--;
            var marker = PeekMarker();
            switch (marker)
            {
                case <= 0x7f or >= 0xe0 or (>= 0xcc and <= 0xd3):
                    ReadInteger();
                    break;
                case 0xc0 or 0xc2 or 0xc3:
                    _position++;
                    break;
                case 0xca or 0xcb:
                    ReadFloat();
                    break;
                case (>= 0xa0 and <= 0xbf) or (>= 0xd9 and <= 0xdb) or (>= 0xc4 and <= 0xc6):
                    SkipSized(marker);
                    break;
                case (>= 0x90 and <= 0x9f) or 0xdc or 0xdd:
                    pending += ReadArrayHeader();
                    break;
                case (>= 0x80 and <= 0x8f) or 0xde or 0xdf:
                    pending += 2L * ReadMapHeader();
                    break;
                case >= 0xd4 and <= 0xd8:
                    _position++;
                    Take(1 + (1 << (marker - 0xd4)));
                    break;
                case 0xc7 or 0xc8 or 0xc9:
                    _position++;
                    var length = marker switch
                    {
                        0xc7 => Take(1)[0],
                        0xc8 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
                        _ => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4)), 1),
                    };
                    Take(1 + length);
                    break;
                default:
                    throw Unexpected("a value", marker, _position);
            }
        }
    }

    /// <summary>
    /// Reads one value as plain objects: null, bool, long (or ulong above int64), float (float32),
    /// double, string, <see cref="ReadOnlyMemory{T}"/> of bytes (bin), <c>object?[]</c> (array) and
    /// <c>KeyValuePair&lt;object?, object?&gt;[]</c> (map, entries in their written order).
    /// </summary>
    public object? ReadValue() => ReadValue(0);

    private object? ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"MessagePack value nested deeper than {MaxDepth} levels at byte {_position}");
        }

        var marker = PeekMarker();
        switch (marker)
        {
            case 0xc0:
                _position++;
                return null;
            case 0xc2 or 0xc3:
                return ReadBool();
            case 0xca:
                return (float)ReadFloat();
            case 0xcb:
                return ReadFloat();
        }

        if (NextIsInteger())
        {
            var value = ReadInteger();
            return value > long.MaxValue ? (ulong)value : (long)value;
        }

        if (NextIsString())
        {
            return ReadString();
        }

        if (NextIsBinary())
        {
            return ReadBinary();
        }

        if (NextIsArray())
        {
            var items = new object?[ReadArrayHeader()];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = ReadValue(depth + 1);
            }

            return items;
        }

        if (NextIsMap())
        {
            var entries = new KeyValuePair<object?, object?>[ReadMapHeader()];
            for (var i = 0; i < entries.Length; i++)
            {
                var key = ReadValue(depth + 1);
                entries[i] = new(key, ReadValue(depth + 1));
            }

            return entries;
        }

        throw Unexpected("a value", marker, _position);
    }

    private void SkipSized(byte marker)
    {
        _position++;
        var length = marker switch
        {
            >= 0xa0 and <= 0xbf => marker & 0x1f,
            0xd9 or 0xc4 => Take(1)[0],
            0xda or 0xc5 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            _ => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4)), 1),
        };
        Take(length);
    }

    private byte ReadMarker(string expected)
    {
        if (End)
        {
            throw new InvalidDataException($"MessagePack data ends at byte {_position} where {expected} was expected");
        }

        return _bytes.Span[_position++];
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _bytes.Length - _position)
        {
            throw Truncated();
        }

        var span = _bytes.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>
    /// A declared length as an int, refused when the remaining bytes cannot hold that many items of at
    /// least <paramref name="minimumItemSize"/> bytes each (so a forged header cannot allocate much).
    /// </summary>
    private int CheckedLength(uint length, int minimumItemSize)
    {
        if (length > (ulong)(_bytes.Length - _position) / (ulong)minimumItemSize)
        {
            throw Truncated();
        }

        return (int)length;
    }

    private InvalidDataException Truncated() =>
        new($"MessagePack data is truncated at byte {_position}");

    /// <summary>The error for a marker just consumed by <see cref="ReadMarker"/>.</summary>
    private InvalidDataException Unexpected(string expected, byte marker) => Unexpected(expected, marker, _position - 1);

    private static InvalidDataException Unexpected(string expected, byte marker, int offset) =>
        new($"Expected {expected} at byte {offset}, found MessagePack marker 0x{marker:x2}");
}
