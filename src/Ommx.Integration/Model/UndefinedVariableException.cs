namespace Ommx.Integration.Model;

/// <summary>A function uses a variable id that the Instance does not declare.</summary>
public sealed class UndefinedVariableException : ModelFormatException
{
    public UndefinedVariableException(ulong variableId, string usedIn)
        : base($"Undefined variable id {variableId} is used in {usedIn}; every id must be declared in decision_variables")
    {
        VariableId = variableId;
        UsedIn = usedIn;
    }

    /// <summary>The undeclared id.</summary>
    public ulong VariableId { get; }

    /// <summary>Where it is used, e.g. <c>the objective</c> or <c>constraint 3</c>.</summary>
    public string UsedIn { get; }
}
