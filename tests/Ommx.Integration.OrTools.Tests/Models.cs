using Ommx.Integration.Model;

namespace Ommx.Integration.OrTools.Tests;

/// <summary>Small instances with a known outcome.</summary>
internal static class Models
{
    /// <summary>Binary x0, x1 with x0 + x1 ≥ 3: no assignment is feasible.</summary>
    public static Instance Infeasible()
    {
        var x = new[] { DecisionVariable.Binary(0), DecisionVariable.Binary(1) };
        return Instance.Create(ObjectiveSense.Maximize, x[0] + x[1], x, [((x[0] + x[1]) >= 3).WithId(0)]);
    }

    /// <summary>Maximize x0 (integer, x0 ≥ 0, no upper bound) subject to x0 − x1 ≤ 3 with x1 ≥ 0 continuous: unbounded.</summary>
    public static Instance Unbounded(VariableKind kind = VariableKind.Integer)
    {
        var x0 = new DecisionVariable(0, kind, Bound.NonNegative);
        var x1 = DecisionVariable.Continuous(1, 0, double.PositiveInfinity);
        return Instance.Create(ObjectiveSense.Maximize, x0.ToFunction(), [x0, x1], [((x0 - x1) <= 3).WithId(0)]);
    }

    /// <summary>Minimize x0 + x0·x1 over binaries.</summary>
    public static Instance QuadraticObjective()
    {
        var x = new[] { DecisionVariable.Binary(0), DecisionVariable.Binary(1) };
        return Instance.Create(ObjectiveSense.Minimize, x[0] + (x[0] * x[1]), x);
    }

    /// <summary>Minimize z for a variable z with no bounds at all, subject to z ≥ −5 (optimum −5).</summary>
    public static Instance FreeVariable(VariableKind kind)
    {
        var z = new DecisionVariable(7, kind, Bound.Unbounded) { Name = "z" };
        return Instance.Create(ObjectiveSense.Minimize, z.ToFunction(), [z], [(z.ToFunction() >= -5).WithId(0)]);
    }
}
