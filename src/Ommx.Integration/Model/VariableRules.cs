namespace Ommx.Integration.Model;

/// <summary>OMMX's bound normalization on read and its decision-variable validity check.</summary>
internal static class VariableRules
{
    /// <summary>
    /// Checks a bound and rounds it as OMMX does for the kind: integer kinds to
    /// <c>[ceil(lower − atol), floor(upper + atol)]</c>, binary also clipped to [0, 1].
    /// </summary>
    public static Bound Normalize(ulong id, VariableKind kind, Bound bound, double atol)
    {
        var (lower, upper) = (bound.Lower, bound.Upper);
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower == double.PositiveInfinity || upper == double.NegativeInfinity || lower > upper)
        {
            throw new ModelFormatException($"Decision variable {id} has an invalid bound {bound}");
        }

        switch (kind)
        {
            case VariableKind.Binary:
            {
                var l = Math.Max(Math.Ceiling(lower - atol), 0.0);
                var u = Math.Min(Math.Floor(upper + atol), 1.0);
                if (l > u)
                {
                    throw new ModelFormatException($"Decision variable {id} is binary but its bound {bound} excludes both 0 and 1");
                }

                return new Bound(l + 0.0, u + 0.0);
            }

            case VariableKind.Integer:
            {
                var l = Math.Ceiling(lower - atol);
                var u = Math.Floor(upper + atol);
                if (l > u)
                {
                    throw new ModelFormatException($"Decision variable {id} is integer but its bound {bound} contains no integer");
                }

                return new Bound(l + 0.0, u + 0.0);
            }

            case VariableKind.SemiInteger:
            {
                var l = Math.Ceiling(lower - atol);
                var u = Math.Floor(upper + atol);
                return l > u ? new Bound(0, 0) : new Bound(l + 0.0, u + 0.0);
            }

            case VariableKind.Continuous:
            case VariableKind.SemiContinuous:
                return bound;
            default:
                throw new ModelFormatException($"Decision variable {id} has an unknown kind {(int)kind}");
        }
    }

    /// <summary>
    /// Finite, within the bound up to atol (inclusive) and, for integer kinds, within atol of an integer
    /// (strict). Semi kinds get no special case for 0, as in OMMX.
    /// </summary>
    public static bool IsValid(VariableKind kind, Bound bound, double value, double atol)
    {
        if (!double.IsFinite(value) || !bound.Contains(value, atol))
        {
            return false;
        }

        return kind is not (VariableKind.Binary or VariableKind.Integer or VariableKind.SemiInteger)
            || Math.Abs(Math.Round(value, MidpointRounding.AwayFromZero) - value) < atol;
    }

    /// <summary>The value OMMX gives a variable that nothing uses and the state leaves out.</summary>
    public static double Unused(VariableKind kind, Bound bound) =>
        kind is VariableKind.SemiInteger or VariableKind.SemiContinuous ? 0 : bound.NearestToZero;
}
