using CsCheck;
using Ommx.Integration.Model;

namespace Ommx.Integration.Tests.Model;

/// <summary>CsCheck generators for small random Instances and states.</summary>
public static class RandomInstances
{
    private static readonly Gen<DecisionVariable> Variable =
        from kind in Gen.Enum<VariableKind>()
        from lower in Gen.Int[-3, 1]
        from width in Gen.Int[0, 4]
        from unbounded in Gen.Int[0, 3]
        from named in Gen.Bool
        from subscript in Gen.Int[0, 9]
        select Make(kind, lower, width, unbounded == 0, named, subscript);

    /// <summary>Instances with up to 5 variables, polynomial objective and constraints up to degree 3.</summary>
    /// <param name="coefficient">The coefficient generator (integers keep direct sums exact).</param>
    public static Gen<GeneratedInstance> Instances(Gen<double> coefficient)
    {
        var term = from ids in Gen.Int[0, 4].Array[0, 3]
                   from c in coefficient
                   select (ids, c);
        var function = from terms in term.Array[0, 5]
                       from constant in coefficient
                       select (terms, constant);
        var constraint = from f in function
                         from equality in Gen.Bool
                         from removed in Gen.Int[0, 3]
                         select (f, equality, removed == 0);
        return from count in Gen.Int[1, 5]
               from variables in Variable.Array[count]
               from objective in function
               from constraintCount in Gen.Frequency((2, Gen.Const(0)), (3, Gen.Int[1, 4]))
               from constraints in constraint.Array[constraintCount]
               from maximize in Gen.Bool
               select Build(variables, objective, constraints, maximize);
    }

    /// <summary>A state for <paramref name="instance"/>: small integers or halves; unused variables sometimes left out.</summary>
    public static Gen<Dictionary<ulong, double>> States(Instance instance)
    {
        var used = instance.UsedDecisionVariableIds.ToHashSet();
        var value = from k in Gen.Int[-4, 4]
                    from half in Gen.Int[0, 3]
                    from omit in Gen.Int[0, 2]
                    select (Value: k + (half == 0 ? 0.5 : 0), Omit: omit == 0);
        return value.Array[instance.DecisionVariables.Count].Select(values =>
            instance.DecisionVariables.Select((v, i) => (v.Id, values[i]))
                .Where(p => used.Contains(p.Id) || !p.Item2.Omit)
                .ToDictionary(p => p.Id, p => p.Item2.Value));
    }

    private static DecisionVariable Make(VariableKind kind, int lower, int width, bool unbounded, bool named, int subscript)
    {
        var bound = kind switch
        {
            VariableKind.Binary => Bound.ZeroOne,
            VariableKind.Continuous or VariableKind.SemiContinuous when unbounded => Bound.Unbounded,
            _ => new Bound(lower, lower + width),
        };
        return new DecisionVariable(0, kind, bound) { Name = named ? "x" : null, Subscripts = named ? [subscript] : [] };
    }

    private static GeneratedInstance Build(
        DecisionVariable[] prototypes,
        ((int[] Ids, double C)[] Terms, double Constant) objective,
        (((int[] Ids, double C)[] Terms, double Constant) F, bool Equality, bool Removed)[] constraints,
        bool maximize)
    {
        // Ids are spread out (3·i + 1) so that they are not positions.
        var ids = prototypes.Select((_, i) => (ulong)((3 * i) + 1)).ToArray();
        var variables = prototypes.Select((p, i) => new DecisionVariable(ids[i], p.Kind, p.Bound) { Name = p.Name, Subscripts = p.Subscripts }).ToArray();
        (ulong[] Ids, double Coefficient)[] Raw((int[] Ids, double C)[] terms) =>
            [.. terms.Select(t => (t.Ids.Select(k => ids[k % ids.Length]).ToArray(), t.C))];
        Function ToFunction((ulong[] Ids, double Coefficient)[] raw, double constant) =>
            Function.FromTerms(raw.Select(t => new FunctionTerm(Monomial.Of(t.Ids), t.Coefficient)), constant);

        var rawObjective = Raw(objective.Terms);
        var rawConstraints = constraints.Select((c, k) => (Id: (ulong)(10 + k), c.Equality, c.Removed, Terms: Raw(c.F.Terms), c.F.Constant)).ToArray();
        var built = rawConstraints.Select(c => new Constraint(ToFunction(c.Terms, c.Constant), c.Equality ? ConstraintEquality.EqualToZero : ConstraintEquality.LessThanOrEqualToZero) { Id = c.Id, Name = $"c{c.Id}" }).ToArray();
        var instance = Instance.Create(
            maximize ? ObjectiveSense.Maximize : ObjectiveSense.Minimize,
            ToFunction(rawObjective, objective.Constant),
            variables,
            built.Where((_, k) => !rawConstraints[k].Removed),
            built.Where((_, k) => rawConstraints[k].Removed).Select(c => new RemovedConstraint(c, "random") { ReasonParameters = new Dictionary<string, string> { ["id"] = $"{c.Id}" } }));
        return new GeneratedInstance(instance, rawObjective, objective.Constant, rawConstraints);
    }
}
