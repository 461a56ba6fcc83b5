using Google.OrTools.LinearSolver;
using Ommx.Integration.Adapters;
using Ommx.Integration.Model;

namespace Ommx.Integration.OrTools;

/// <summary>An Instance as an OR-Tools linear-solver model: one native variable per variable the objective or an active constraint uses.</summary>
internal sealed class LinearSolverModel : ISolverModel<Solver, Solver.ResultStatus>
{
    private readonly Instance instance;
    private readonly Dictionary<ulong, Variable> variables;

    private LinearSolverModel(Solver solver, Instance instance, Dictionary<ulong, Variable> variables)
    {
        Model = solver;
        this.instance = instance;
        this.variables = variables;
    }

    public Solver Model { get; }

    public static LinearSolverModel Build(Solver solver, Instance instance)
    {
        var variables = new Dictionary<ulong, Variable>();
        foreach (var id in instance.UsedDecisionVariableIds)
        {
            var v = instance.GetDecisionVariable(id);
            variables[id] = v.Kind == VariableKind.Continuous
                ? solver.MakeNumVar(v.Bound.Lower, v.Bound.Upper, $"x{id}")
                : solver.MakeIntVar(v.Bound.Lower, v.Bound.Upper, $"x{id}");
        }

        var objective = solver.Objective();
        foreach (var term in instance.Objective.Terms)
        {
            objective.SetCoefficient(variables[term.Monomial.Ids[0]], term.Coefficient);
        }

        objective.SetOffset(instance.Objective.Constant);
        if (instance.Sense == ObjectiveSense.Maximize)
        {
            objective.SetMaximization();
        }
        else
        {
            objective.SetMinimization();
        }

        foreach (var constraint in instance.Constraints)
        {
            // f(x) = Σ a·x + c compared with 0  ⇔  Σ a·x compared with −c.
            var rhs = -constraint.Function.Constant;
            var lower = constraint.Equality == ConstraintEquality.EqualToZero ? rhs : double.NegativeInfinity;
            var native = solver.MakeConstraint(lower, rhs, $"c{constraint.Id}");
            foreach (var term in constraint.Function.Terms)
            {
                native.SetCoefficient(variables[term.Monomial.Ids[0]], term.Coefficient);
            }
        }

        return new LinearSolverModel(solver, instance, variables);
    }

    public Solution Decode(Solver.ResultStatus result)
    {
        var raw = result.ToString();
        return result switch
        {
            Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE => NativeSolution.Evaluate(
                instance,
                variables.Select(p => KeyValuePair.Create(p.Key, p.Value.SolutionValue())),
                provenOptimal: result == Solver.ResultStatus.OPTIMAL),
            Solver.ResultStatus.UNBOUNDED => throw new UnboundedModelException($"OR-Tools ({Model.SolverVersion()}) proved the objective unbounded (status {raw})", raw),
            Solver.ResultStatus.INFEASIBLE => throw (ConstraintsHaveSolution()
                ? new UnboundedModelException($"OR-Tools ({Model.SolverVersion()}) reported {raw}, but the constraints have a solution: the objective is unbounded", raw)
                : new InfeasibleModelException($"OR-Tools ({Model.SolverVersion()}) proved the model infeasible (status {raw})", raw)),
            _ => throw new NoSolutionException($"OR-Tools ({Model.SolverVersion()}) stopped without a solution (status {raw})", raw),
        };
    }

    /// <summary>Solves again without the objective (then restores it, native variables added by a caller included): a solution means the INFEASIBLE report meant "unbounded".</summary>
    private bool ConstraintsHaveSolution()
    {
        var objective = Model.Objective();
        var coefficients = Enumerable.Range(0, Model.NumVariables()).Select(i => Model.Variable(i)).Select(v => (v, objective.GetCoefficient(v))).ToList();
        var offset = objective.Offset();
        var maximize = objective.Maximization();
        objective.Clear();
        var status = Model.Solve();
        foreach (var (v, c) in coefficients)
        {
            objective.SetCoefficient(v, c);
        }

        objective.SetOffset(offset);
        objective.SetOptimizationDirection(maximize);
        return status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE;
    }

    public void Dispose() => Model.Dispose();
}
