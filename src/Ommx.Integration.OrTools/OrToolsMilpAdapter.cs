using System.Globalization;
using Google.OrTools.LinearSolver;
using Ommx.Integration.Adapters;
using Ommx.Integration.Model;

namespace Ommx.Integration.OrTools;

/// <summary>
/// Linear and mixed-integer programs through the OR-Tools linear solver (<see cref="OrToolsOptions.Backend"/>,
/// SCIP by default). Binary, integer and continuous variables; linear objective and constraints. A variable
/// with an infinite side is passed to the solver with that infinite bound. Status mapping: OPTIMAL → a
/// Solution marked optimal; FEASIBLE → a Solution with optimality unspecified (not proven); INFEASIBLE →
/// <see cref="InfeasibleModelException"/>, UNBOUNDED → <see cref="UnboundedModelException"/> (an INFEASIBLE
/// report is re-checked without the objective, since some backends report unbounded models as infeasible);
/// anything else → <see cref="NoSolutionException"/>.
/// </summary>
public sealed class OrToolsMilpAdapter : IModelSolverAdapter<Solver, Solver.ResultStatus>
{
    private static readonly AdapterCapabilities Milp = new()
    {
        VariableKinds = new HashSet<VariableKind> { VariableKind.Binary, VariableKind.Integer, VariableKind.Continuous },
    };

    private static readonly AdapterCapabilities LinearProgramming = new()
    {
        VariableKinds = new HashSet<VariableKind> { VariableKind.Continuous },
    };

    public AdapterCapabilities GetCapabilities(SolverOptions options) =>
        OrToolsBackends.IsLinearProgrammingOnly(BackendOf(options)) ? LinearProgramming : Milp;

    public SolveResult Solve(Instance instance, SolverOptions options)
    {
        using var model = BuildModel(instance, options);
        var status = model.Model.Solve();
        return new SolveResult(model.Decode(status), status.ToString());
    }

    public ISolverModel<Solver, Solver.ResultStatus> BuildModel(Instance instance, SolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        var backend = BackendOf(options);
        GetCapabilities(options).EnsureSupports(instance, $"{nameof(OrToolsMilpAdapter)} ({backend})");
        var solver = Solver.CreateSolver(backend)
            ?? throw new OmmxException($"The OR-Tools linear solver backend `{backend}` is not available in this build of OR-Tools");
        try
        {
            Configure(solver, backend, options);
            return LinearSolverModel.Build(solver, instance);
        }
        catch
        {
            solver.Dispose();
            throw;
        }
    }

    private static string BackendOf(SolverOptions options) => (options as OrToolsOptions)?.Backend ?? OrToolsBackends.Scip;

    private static void Configure(Solver solver, string backend, SolverOptions options)
    {
        solver.SuppressOutput();
        if (options.TimeLimit is { } seconds)
        {
            if (!(seconds > 0) || double.IsInfinity(seconds))
            {
                throw new ArgumentException($"time_limit must be a positive number of seconds, not {seconds}", nameof(options));
            }

            solver.SetTimeLimit((long)Math.Ceiling(seconds * 1000));
        }

        if (options.Threads is { } threads)
        {
            if (threads < 1 || !solver.SetNumThreads(threads))
            {
                throw new ArgumentException($"The OR-Tools backend `{backend}` does not accept threads = {threads}", nameof(options));
            }
        }

        if (options.Seed is { } seed)
        {
            // The linear-solver wrapper has no common seed: only SCIP's parameter is known here.
            if (!backend.Equals(OrToolsBackends.Scip, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"The seed option is supported for the SCIP backend only, not `{backend}`", nameof(options));
            }

            solver.SetSolverSpecificParametersAsString(string.Create(CultureInfo.InvariantCulture, $"randomization/randomseedshift = {seed}\n"));
        }
    }
}
