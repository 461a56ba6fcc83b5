namespace Ommx.Integration.Experiments;

/// <summary>The four run-parameter column types (<c>bool</c>, <c>int64</c>, <c>float64</c>, <c>string</c>).</summary>
public enum RunParameterKind
{
    Bool,
    Int64,
    Float64,
    String,
}
