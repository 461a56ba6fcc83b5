using Ommx.Integration.Experiments;

namespace Ommx.Integration.Experiments.Format;

/// <summary>
/// The type of every run-parameter column an unsealed Experiment has accepted so far. A value is checked
/// when it is logged, so nothing accepted during recording can make the commit fail with OMMX's "mixed
/// column types": int64 and float64 share a column (it becomes float64 at commit, as OMMX does), any other
/// mix is refused at the call. Thread-safe.
/// </summary>
internal sealed class RunParameterColumns
{
    private readonly Dictionary<string, RunParameterKind> kinds = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Takes the column types of Runs already recorded (a restore or fork continues their columns).</summary>
    public RunParameterColumns(IEnumerable<RunRecord> existing)
    {
        foreach (var run in existing.OrderBy(r => r.Id))
        {
            foreach (var (name, value) in run.Parameters)
            {
                kinds.TryAdd(name, value.Kind);
            }
        }
    }

    /// <summary>
    /// Accepts <paramref name="kind"/> for column <paramref name="name"/> (the first value fixes the column) or
    /// returns why it cannot: the column already holds values of an incompatible type.
    /// </summary>
    public RunParameterTypeException? TryClaim(string name, RunParameterKind kind)
    {
        lock (gate)
        {
            if (!kinds.TryGetValue(name, out var existing))
            {
                kinds.Add(name, kind);
                return null;
            }

            if (Compatible(existing, kind))
            {
                return null;
            }

            return new RunParameterTypeException(
                $"Run parameter `{name}` is a {RunParameterValue.TypeName(existing)} column in this Experiment; a {RunParameterValue.TypeName(kind)} value cannot join it " +
                $"(only int64 and float64 mix). The value was not recorded: log it under another name, or convert it to {RunParameterValue.TypeName(existing)}.");
        }
    }

    private static bool Compatible(RunParameterKind column, RunParameterKind value) =>
        column == value || (IsNumber(column) && IsNumber(value));

    private static bool IsNumber(RunParameterKind kind) => kind is RunParameterKind.Int64 or RunParameterKind.Float64;
}
