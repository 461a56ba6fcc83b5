using System.Collections.Immutable;

namespace Ommx.Integration.Model.Evaluation;

/// <summary>An Instance prepared for repeated evaluation: dense positions, flattened functions, the population plan.</summary>
internal sealed class CompiledInstance
{
    public CompiledInstance(Instance instance, IReadOnlyDictionary<ulong, int> positions)
    {
        var variables = instance.DecisionVariables;
        Positions = positions;
        Ids = [.. variables.Select(v => v.Id)];
        Kinds = [.. variables.Select(v => v.Kind)];
        Bounds = [.. variables.Select(v => v.Bound)];

        Objective = new CompiledFunction(instance.Objective, positions);
        Active = [.. instance.Constraints.Select(c => new CompiledFunction(c.Function, positions))];
        Removed = [.. instance.RemovedConstraints.Select(r => new CompiledFunction(r.Constraint.Function, positions))];
        Named = [.. instance.NamedFunctions.Select(n => new CompiledFunction(n.Function, positions))];

        var used = new SortedSet<ulong>(instance.Objective.UsedDecisionVariableIds);
        foreach (var constraint in instance.Constraints)
        {
            used.UnionWith(constraint.Function.UsedDecisionVariableIds);
        }

        UsedIds = [.. used];
        UsedPositions = [.. used.Select(id => positions[id])];

        var fixedPositions = new List<int>();
        var fixedValues = new List<double>();
        for (var i = 0; i < variables.Count; i++)
        {
            if (variables[i].SubstitutedValue is { } value)
            {
                fixedPositions.Add(i);
                fixedValues.Add(value);
            }
        }

        FixedPositions = [.. fixedPositions];
        FixedValues = [.. fixedValues];

        IsDependent = new bool[variables.Count];
        var order = instance.DependencyOrder();
        DependentPositions = new int[order.Count];
        Dependencies = new CompiledFunction[order.Count];
        for (var k = 0; k < order.Count; k++)
        {
            var position = positions[order[k]];
            IsDependent[position] = true;
            DependentPositions[k] = position;
            Dependencies[k] = new CompiledFunction(instance.DecisionVariableDependency[order[k]], positions);
        }

        UnusedValues = [.. variables.Select(v => VariableRules.Unused(v.Kind, v.Bound))];

        // Evaluated constraints are listed by id across active and removed ones.
        var all = instance.Constraints.Select((c, i) => (Id: c.Id!.Value, Index: i))
            .Concat(instance.RemovedConstraints.Select((r, i) => (Id: r.Constraint.Id!.Value, Index: ~i)))
            .OrderBy(e => e.Id);
        ConstraintOrder = [.. all.Select(e => e.Index)];
    }

    public IReadOnlyDictionary<ulong, int> Positions { get; }

    public ulong[] Ids { get; }

    public VariableKind[] Kinds { get; }

    public Bound[] Bounds { get; }

    public CompiledFunction Objective { get; }

    public CompiledFunction[] Active { get; }

    public CompiledFunction[] Removed { get; }

    public CompiledFunction[] Named { get; }

    public ImmutableArray<ulong> UsedIds { get; }

    public int[] UsedPositions { get; }

    public int[] FixedPositions { get; }

    public double[] FixedValues { get; }

    public bool[] IsDependent { get; }

    /// <summary>Dependent variables in an order where each comes after those it uses.</summary>
    public int[] DependentPositions { get; }

    public CompiledFunction[] Dependencies { get; }

    public double[] UnusedValues { get; }

    /// <summary>Indexes into active constraints (≥ 0) or, complemented (~i), removed constraints, by constraint id.</summary>
    public int[] ConstraintOrder { get; }
}
