namespace Ommx.Integration.Model;

/// <summary>How a Solution or SampleSet was produced (all optional).</summary>
public sealed record ProcessMetadata
{
    /// <summary>The digest of the Instance layer that was solved.</summary>
    public string? Instance { get; init; }

    /// <summary>The solver, as a JSON document.</summary>
    public string? Solver { get; init; }

    /// <summary>The solver parameters, as a JSON document.</summary>
    public string? Parameters { get; init; }

    /// <summary>RFC 3339 start time.</summary>
    public string? Start { get; init; }

    /// <summary>RFC 3339 end time.</summary>
    public string? End { get; init; }
}
