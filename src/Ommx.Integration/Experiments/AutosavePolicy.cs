using System.Globalization;

namespace Ommx.Integration.Experiments;

/// <summary>
/// When closing a Run also writes an OMMX-format <c>draft</c> checkpoint (which the OMMX Python SDK can
/// restore). Durability does not depend on it: every Run close is journalled at constant cost anyway.
/// </summary>
public sealed record AutosavePolicy
{
    private AutosavePolicy(string kind, uint runs, TimeSpan interval)
    {
        Kind = kind;
        Runs = runs;
        Interval = interval;
    }

    internal string Kind { get; }

    internal uint Runs { get; }

    internal TimeSpan Interval { get; }

    /// <summary>A draft after every Run close (OMMX's default; O(N) bytes per close).</summary>
    public static AutosavePolicy EveryRunClose() => new("every_run_close", 0, TimeSpan.Zero);

    public static AutosavePolicy EveryNRuns(uint runs) =>
        runs == 0 ? throw new ArgumentOutOfRangeException(nameof(runs), "AutosavePolicy.EveryNRuns requires a non-zero Run count") : new("every_n_runs", runs, TimeSpan.Zero);

    public static AutosavePolicy MinInterval(TimeSpan interval) =>
        interval < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(interval), "interval must be non-negative") : new("min_interval", 0, interval);

    /// <summary>No drafts; failed/interrupted checkpoints are still written.</summary>
    public static AutosavePolicy Disabled() => new("disabled", 0, TimeSpan.Zero);

    /// <summary>The default here: a draft at most once a minute (the journal already makes every Run durable).</summary>
    public static AutosavePolicy Default => MinInterval(TimeSpan.FromMinutes(1));

    internal bool IsDue(int closedRuns, int baseline, DateTime? lastAttempt, DateTime now) => Kind switch
    {
        "every_run_close" => true,
        "every_n_runs" => closedRuns - baseline >= Runs,
        "min_interval" => lastAttempt is null || now - lastAttempt.Value >= Interval,
        _ => false,
    };

    public override string ToString() => Kind switch
    {
        "every_n_runs" => $"AutosavePolicy.every_n_runs({Runs})",
        "min_interval" => $"AutosavePolicy.min_interval({Interval.TotalSeconds.ToString(CultureInfo.InvariantCulture)})",
        _ => $"AutosavePolicy.{Kind}()",
    };
}
