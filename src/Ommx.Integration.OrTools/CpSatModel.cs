using Google.OrTools.Sat;
using Ommx.Integration.Adapters;
using Ommx.Integration.Model;

namespace Ommx.Integration.OrTools;

/// <summary>An Instance as a CP-SAT model: one integer variable per variable the objective or an active constraint uses.</summary>
internal sealed class CpSatModel : ISolverModel<CpModel, CpSolverResponse>
{
    private readonly Instance instance;
    private readonly Dictionary<ulong, IntVar> variables;

    private CpSatModel(CpModel model, Instance instance, Dictionary<ulong, IntVar> variables)
    {
        Model = model;
        this.instance = instance;
        this.variables = variables;
    }

    public CpModel Model { get; }

    public static CpSatModel Build(Instance instance)
    {
        var model = new CpModel();
        var atol = Tolerance.Default;
        var variables = new Dictionary<ulong, IntVar>();
        foreach (var id in instance.UsedDecisionVariableIds)
        {
            var v = instance.GetDecisionVariable(id);
            if (!AdapterCapabilities.IsInteger(v.Bound.Lower) || !AdapterCapabilities.IsInteger(v.Bound.Upper))
            {
                throw new UnsupportedModelException(
                    $"{nameof(OrToolsCpSatAdapter)} needs integer bounds within ±2^53, but variable {id} ({v}) has bound {v.Bound}",
                    UnsupportedFeature.UnboundedVariable,
                    variableId: id);
            }

            variables[id] = model.NewIntVar((long)v.Bound.Lower, (long)v.Bound.Upper, $"x{id}");
        }

        if (!instance.Objective.Terms.IsEmpty)
        {
            var objective = Expression(instance.Objective, variables);
            if (instance.Sense == ObjectiveSense.Maximize)
            {
                model.Maximize(objective);
            }
            else
            {
                model.Minimize(objective);
            }
        }

        foreach (var constraint in instance.Constraints)
        {
            // The integer sums s = Σ a·x that OMMX accepts: s + c < atol (≤), |s + c| < atol (=).
            var c = constraint.Function.Constant;
            var upper = (long)Math.Ceiling(-c + atol) - 1;
            var lower = constraint.Equality == ConstraintEquality.EqualToZero ? (long)Math.Floor(-c - atol) + 1 : long.MinValue;
            model.AddLinearConstraint(Expression(constraint.Function, variables), lower, upper);
        }

        return new CpSatModel(model, instance, variables);
    }

    public Solution Decode(CpSolverResponse result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var raw = StatusText(result.Status);
        return result.Status switch
        {
            CpSolverStatus.Optimal or CpSolverStatus.Feasible => NativeSolution.Evaluate(
                instance,
                variables.Select(p => KeyValuePair.Create(p.Key, (double)result.Solution[p.Value.GetIndex()])),
                provenOptimal: result.Status == CpSolverStatus.Optimal),
            CpSolverStatus.Infeasible => throw new InfeasibleModelException($"CP-SAT proved the model infeasible (status {raw})", raw),
            CpSolverStatus.ModelInvalid => throw new NoSolutionException($"CP-SAT refused the model as invalid: {Model.Validate()} (status {raw})", raw),
            _ => throw new NoSolutionException($"CP-SAT stopped without a solution (status {raw})", raw),
        };
    }

    /// <summary>CP-SAT's status as its proto spells it (<c>OPTIMAL</c>, <c>FEASIBLE</c>, ...).</summary>
    public static string StatusText(CpSolverStatus status) => status switch
    {
        CpSolverStatus.ModelInvalid => "MODEL_INVALID",
        _ => status.ToString().ToUpperInvariant(),
    };

    private static LinearExpr Expression(Function function, Dictionary<ulong, IntVar> variables)
    {
        var builder = LinearExpr.NewBuilder(function.Terms.Length);
        foreach (var term in function.Terms)
        {
            builder.AddTerm(variables[term.Monomial.Ids[0]], (long)term.Coefficient);
        }

        return builder;
    }

    public void Dispose()
    {
        // CpModel holds managed protobuf state only.
    }
}
