namespace Ommx.Integration.Model;

/// <summary>The kind of a decision variable. Values match the OMMX wire enum.</summary>
public enum VariableKind
{
    /// <summary>0 or 1.</summary>
    Binary = 1,

    /// <summary>An integer within the bound.</summary>
    Integer = 2,

    /// <summary>A real number within the bound.</summary>
    Continuous = 3,

    /// <summary>0, or an integer within the bound.</summary>
    SemiInteger = 4,

    /// <summary>0, or a real number within the bound.</summary>
    SemiContinuous = 5,
}
