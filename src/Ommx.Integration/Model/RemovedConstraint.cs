using System.Collections.Immutable;

namespace Ommx.Integration.Model;

/// <summary>
/// A constraint taken out of the active set (e.g. turned into a penalty), with the reason. Removed
/// constraints are still evaluated in a Solution; only <c>feasible</c> (not <c>feasible_relaxed</c>) counts them.
/// </summary>
public sealed class RemovedConstraint
{
    public RemovedConstraint(Constraint constraint, string reason)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        ArgumentNullException.ThrowIfNull(reason);
        Constraint = constraint;
        Reason = reason;
    }

    public Constraint Constraint { get; }

    public string Reason { get; }

    public IReadOnlyDictionary<string, string> ReasonParameters { get; init; } = ImmutableDictionary<string, string>.Empty;
}
