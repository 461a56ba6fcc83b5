namespace Ommx.Integration.Adapters;

/// <summary>
/// An Instance uses a feature the adapter cannot handle; raised before the solver runs. The message names
/// the adapter, the feature and the variable or constraint (or the objective) that uses it.
/// </summary>
public sealed class UnsupportedModelException : OmmxException
{
    public UnsupportedModelException(string message, UnsupportedFeature feature, ulong? variableId = null, ulong? constraintId = null)
        : base(message)
    {
        Feature = feature;
        VariableId = variableId;
        ConstraintId = constraintId;
    }

    public UnsupportedFeature Feature { get; }

    /// <summary>The offending variable, when a variable is the problem.</summary>
    public ulong? VariableId { get; }

    /// <summary>The offending constraint, when a constraint is the problem (<c>null</c> for the objective).</summary>
    public ulong? ConstraintId { get; }
}
