namespace Ommx.Integration.Model;

/// <summary>How a constraint compares its function with zero. Values match the OMMX wire enum.</summary>
public enum ConstraintEquality
{
    /// <summary><c>f(x) = 0</c>.</summary>
    EqualToZero = 1,

    /// <summary><c>f(x) ≤ 0</c>.</summary>
    LessThanOrEqualToZero = 2,
}
