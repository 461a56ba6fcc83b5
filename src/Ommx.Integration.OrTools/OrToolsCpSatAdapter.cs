using System.Globalization;
using System.Text;
using Google.OrTools.Sat;
using Ommx.Integration.Adapters;
using Ommx.Integration.Model;

namespace Ommx.Integration.OrTools;

/// <summary>
/// Pure integer programs through OR-Tools CP-SAT: binary and integer variables with finite bounds, linear
/// objective and constraints with integer coefficients (non-integer coefficients are refused, not scaled;
/// constants may be any number — each constraint becomes the exact integer range OMMX's tolerance accepts).
/// Status mapping: OPTIMAL → a Solution marked optimal; FEASIBLE → optimality unspecified (not proven);
/// INFEASIBLE → <see cref="InfeasibleModelException"/>; UNKNOWN, MODEL_INVALID → <see cref="NoSolutionException"/>.
/// Options: <c>time_limit</c> → <c>max_time_in_seconds</c>, <c>threads</c> → <c>num_workers</c>,
/// <c>seed</c> → <c>random_seed</c>.
/// </summary>
public sealed class OrToolsCpSatAdapter : IModelSolverAdapter<CpModel, CpSolverResponse>
{
    private static readonly AdapterCapabilities Capabilities = new()
    {
        VariableKinds = new HashSet<VariableKind> { VariableKind.Binary, VariableKind.Integer },
        AllowsUnboundedVariables = false,
        RequiresIntegerCoefficients = true,
    };

    public AdapterCapabilities GetCapabilities(SolverOptions options) => Capabilities;

    public SolveResult Solve(Instance instance, SolverOptions options)
    {
        using var model = BuildModel(instance, options);
        var solver = new CpSolver { StringParameters = Parameters(options) };
        solver.Solve(model.Model);
        var response = solver.Response ?? throw new InvalidOperationException("CP-SAT returned no response");
        return new SolveResult(model.Decode(response), CpSatModel.StatusText(response.Status));
    }

    public ISolverModel<CpModel, CpSolverResponse> BuildModel(Instance instance, SolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        Capabilities.EnsureSupports(instance, nameof(OrToolsCpSatAdapter));
        Parameters(options);
        return CpSatModel.Build(instance);
    }

    /// <summary>The CP-SAT parameter string for the common options (also for callers driving the model themselves).</summary>
    public static string Parameters(SolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder();
        if (options.TimeLimit is { } seconds)
        {
            if (!(seconds > 0) || double.IsInfinity(seconds))
            {
                throw new ArgumentException($"time_limit must be a positive number of seconds, not {seconds}", nameof(options));
            }

            text.Append(CultureInfo.InvariantCulture, $"max_time_in_seconds:{seconds:R} ");
        }

        if (options.Threads is { } threads)
        {
            if (threads < 1)
            {
                throw new ArgumentException($"threads must be at least 1, not {threads}", nameof(options));
            }

            text.Append(CultureInfo.InvariantCulture, $"num_workers:{threads} ");
        }

        if (options.Seed is { } seed)
        {
            text.Append(CultureInfo.InvariantCulture, $"random_seed:{seed} ");
        }

        return text.ToString().TrimEnd();
    }
}
