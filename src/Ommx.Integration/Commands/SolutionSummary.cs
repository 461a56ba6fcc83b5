using System.Buffers.Binary;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Commands;

/// <summary>
/// The objective and feasibility of a stored <c>ommx.v1.Solution</c> or v2 Solution, read from the
/// top-level protobuf fields only (objective = field 2, double; feasible = field 5; the relaxed flag is
/// field 9 in v1 and field 8 in v2). v1 payloads without field 9 follow OMMX's legacy rule: the overall
/// flag is <c>feasible_unrelaxed</c> (8).
/// </summary>
internal sealed record SolutionSummary(double Objective, bool Feasible, bool? FeasibleRelaxed)
{
    public static SolutionSummary? TryRead(string mediaType, ReadOnlySpan<byte> bytes)
    {
        var v1 = mediaType == MediaTypes.SolutionV1;
        if (!v1 && mediaType != MediaTypes.SolutionV2)
        {
            return null;
        }

        double objective = 0;
        bool feasible = false;
        bool? field8 = null;
        bool? field9 = null;
        var position = 0;
        while (position < bytes.Length)
        {
            if (!TryVarint(bytes, ref position, out var key))
            {
                return null;
            }

            var field = key >> 3;
            switch ((int)(key & 7))
            {
                case 0:
                    if (!TryVarint(bytes, ref position, out var value))
                    {
                        return null;
                    }

                    if (field == 5)
                    {
                        feasible = value != 0;
                    }
                    else if (field == 8)
                    {
                        field8 = value != 0;
                    }
                    else if (field == 9)
                    {
                        field9 = value != 0;
                    }

                    break;
                case 1:
                    if (bytes.Length - position < 8)
                    {
                        return null;
                    }

                    if (field == 2)
                    {
                        objective = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(bytes[position..]));
                    }

                    position += 8;
                    break;
                case 2:
                    if (!TryVarint(bytes, ref position, out var length) || length > (ulong)(bytes.Length - position))
                    {
                        return null;
                    }

                    position += (int)length;
                    break;
                case 5:
                    if (bytes.Length - position < 4)
                    {
                        return null;
                    }

                    position += 4;
                    break;
                default:
                    return null;
            }
        }

        if (!v1)
        {
            return new SolutionSummary(objective, feasible, field8);
        }

        return field9 is null
            ? new SolutionSummary(objective, field8 ?? false, feasible)
            : new SolutionSummary(objective, feasible, field9);
    }

    private static bool TryVarint(ReadOnlySpan<byte> bytes, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < bytes.Length; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
