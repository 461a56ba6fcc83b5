using System.Collections.ObjectModel;

namespace Ommx.Integration.Model;

public sealed partial class Instance
{
    /// <summary>Validates and normalizes <paramref name="parts"/> with OMMX's read rules.</summary>
    internal Instance(InstanceParts parts, double atol, Protos.V1.Instance? source)
    {
        _source = source;
        Sense = parts.Sense == ObjectiveSense.Unspecified ? ObjectiveSense.Minimize : parts.Sense;
        Objective = parts.Objective;
        Description = parts.Description;

        var variables = parts.DecisionVariables.OrderBy(v => v.Id).Select(v => Normalize(v, atol)).ToArray();
        _variableIndex = new Dictionary<ulong, int>(variables.Length);
        for (var i = 0; i < variables.Length; i++)
        {
            if (!_variableIndex.TryAdd(variables[i].Id, i))
            {
                throw new ModelFormatException($"Decision variable id {variables[i].Id} is declared more than once");
            }
        }

        DecisionVariables = Array.AsReadOnly(variables);

        var (constraints, removed) = NumberConstraints(parts);
        Constraints = Array.AsReadOnly(constraints);
        RemovedConstraints = Array.AsReadOnly(removed);
        _constraintIndex = constraints.ToDictionary(c => c.Id!.Value);

        var named = parts.NamedFunctions.OrderBy(f => f.Id).ToArray();
        for (var i = 1; i < named.Length; i++)
        {
            if (named[i].Id == named[i - 1].Id)
            {
                throw new ModelFormatException($"Named function id {named[i].Id} is used more than once");
            }
        }

        NamedFunctions = Array.AsReadOnly(named);

        var dependencies = new Dictionary<ulong, Function>();
        foreach (var (id, function) in parts.Dependencies)
        {
            ArgumentNullException.ThrowIfNull(function);
            if (!dependencies.TryAdd(id, function))
            {
                throw new ModelFormatException($"Decision variable {id} has more than one dependency");
            }
        }

        DecisionVariableDependency = dependencies.AsReadOnly();

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in parts.Annotations)
        {
            if (key.StartsWith("org.ommx.v1.", StringComparison.Ordinal))
            {
                throw new ModelFormatException($"Instance annotation key {key} is reserved (keys starting with org.ommx.v1. are not allowed)");
            }

            annotations[key] = value;
        }

        Annotations = annotations.AsReadOnly();
        Parameters = parts.Parameters is null ? null : new Dictionary<ulong, double>(parts.Parameters).AsReadOnly();

        CheckIds();
    }

    private static DecisionVariable Normalize(DecisionVariable variable, double atol)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable.SubstitutedValue is { } fixedValue && !double.IsFinite(fixedValue))
        {
            throw new ModelFormatException($"Decision variable {variable.Id} is fixed to the non-finite value {fixedValue}");
        }

        var bound = VariableRules.Normalize(variable.Id, variable.Kind, variable.Bound, atol);
        return bound == variable.Bound ? variable : variable.WithBound(bound);
    }

    private static (Constraint[] Active, RemovedConstraint[] Removed) NumberConstraints(InstanceParts parts)
    {
        var ids = new HashSet<ulong>();
        foreach (var id in parts.Constraints.Select(c => c.Id).Concat(parts.RemovedConstraints.Select(r => r.Constraint.Id)))
        {
            if (id is { } given && !ids.Add(given))
            {
                throw new ModelFormatException($"Constraint id {given} is used more than once (ids are unique across active and removed constraints)");
            }
        }

        var next = ids.Count == 0 ? 0 : ids.Max() + 1;
        var active = new Constraint[parts.Constraints.Count];
        for (var i = 0; i < active.Length; i++)
        {
            var constraint = parts.Constraints[i] ?? throw new ArgumentException("A constraint is null.", nameof(parts));
            active[i] = constraint.Id is null ? constraint.WithId(next++) : constraint;
        }

        var removed = new RemovedConstraint[parts.RemovedConstraints.Count];
        for (var i = 0; i < removed.Length; i++)
        {
            var entry = parts.RemovedConstraints[i] ?? throw new ArgumentException("A removed constraint is null.", nameof(parts));
            removed[i] = entry.Constraint.Id is null
                ? new RemovedConstraint(entry.Constraint.WithId(next++), entry.Reason) { ReasonParameters = entry.ReasonParameters }
                : entry;
        }

        Array.Sort(active, static (a, b) => a.Id!.Value.CompareTo(b.Id!.Value));
        Array.Sort(removed, static (a, b) => a.Constraint.Id!.Value.CompareTo(b.Constraint.Id!.Value));
        return (active, removed);
    }

    /// <summary>Every used id declared; fixed and dependent variables kept out of objective and active constraints; no cycles.</summary>
    private void CheckIds()
    {
        CheckDeclared(Objective, "the objective");
        foreach (var constraint in Constraints)
        {
            CheckDeclared(constraint.Function, $"constraint {constraint.Id}");
        }

        foreach (var removed in RemovedConstraints)
        {
            CheckDeclared(removed.Constraint.Function, $"removed constraint {removed.Constraint.Id}");
        }

        foreach (var named in NamedFunctions)
        {
            CheckDeclared(named.Function, $"named function {named.Id}");
        }

        foreach (var (id, function) in DecisionVariableDependency)
        {
            if (!_variableIndex.ContainsKey(id))
            {
                throw new UndefinedVariableException(id, "decision_variable_dependency (as a dependent variable)");
            }

            if (GetDecisionVariable(id).SubstitutedValue is not null)
            {
                throw new ModelFormatException($"Decision variable {id} is both fixed (substituted_value) and dependent");
            }

            CheckDeclared(function, $"the dependency of variable {id}");
        }

        CheckNotSubstituted(Objective, "the objective");
        foreach (var constraint in Constraints)
        {
            CheckNotSubstituted(constraint.Function, $"constraint {constraint.Id}");
        }

        _ = DependencyOrder();
    }

    private void CheckDeclared(Function function, string usedIn)
    {
        if (!double.IsFinite(function.Constant) || function.Terms.Any(t => !double.IsFinite(t.Coefficient)))
        {
            throw new ModelFormatException($"{char.ToUpperInvariant(usedIn[0])}{usedIn[1..]} has a non-finite coefficient");
        }

        foreach (var id in function.UsedDecisionVariableIds)
        {
            if (!_variableIndex.ContainsKey(id))
            {
                throw new UndefinedVariableException(id, usedIn);
            }
        }
    }

    private void CheckNotSubstituted(Function function, string usedIn)
    {
        foreach (var id in function.UsedDecisionVariableIds)
        {
            if (DecisionVariableDependency.ContainsKey(id))
            {
                throw new ModelFormatException($"Dependent variable {id} is used in {usedIn}; substitute its dependency first");
            }

            if (GetDecisionVariable(id).SubstitutedValue is not null)
            {
                throw new ModelFormatException($"Fixed variable {id} (substituted_value) is used in {usedIn}; substitute its value first");
            }
        }
    }

    /// <summary>The dependent variables, each after those its function uses.</summary>
    internal ReadOnlyCollection<ulong> DependencyOrder()
    {
        var order = new List<ulong>(DecisionVariableDependency.Count);
        var state = new Dictionary<ulong, bool>(); // false = visiting, true = done
        foreach (var id in DecisionVariableDependency.Keys.Order())
        {
            Visit(id, []);
        }

        return order.AsReadOnly();

        void Visit(ulong id, List<ulong> path)
        {
            if (state.TryGetValue(id, out var done))
            {
                if (!done)
                {
                    throw new ModelFormatException($"decision_variable_dependency is cyclic: {string.Join(" -> ", path.SkipWhile(p => p != id).Append(id))}");
                }

                return;
            }

            state[id] = false;
            path.Add(id);
            foreach (var used in DecisionVariableDependency[id].UsedDecisionVariableIds)
            {
                if (DecisionVariableDependency.ContainsKey(used))
                {
                    Visit(used, path);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[id] = true;
            order.Add(id);
        }
    }
}
