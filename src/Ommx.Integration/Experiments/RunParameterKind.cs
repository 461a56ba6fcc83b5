namespace Ommx.Integration.Experiments;

/// <summary>The type of a run-parameter value, and so of a run-parameter table column.</summary>
public enum RunParameterKind
{
    /// <summary>A boolean (<c>bool</c> column).</summary>
    Bool,

    /// <summary>A signed 64-bit integer (<c>int64</c> column).</summary>
    Int64,

    /// <summary>A 64-bit IEEE float, NaN and infinities included (<c>float64</c> column).</summary>
    Float64,

    /// <summary>A text string (<c>string</c> column).</summary>
    String,
}
