namespace Ommx.Integration.Adapters;

/// <summary>Options every sampler adapter understands; stored with each Sampling as a snake_case JSON object.</summary>
public record SamplerOptions
{
    /// <summary>How many samples to draw.</summary>
    public int? NumReads { get; init; }

    /// <summary>Random seed.</summary>
    public int? Seed { get; init; }

    /// <summary>Wall-clock limit in seconds.</summary>
    public double? TimeLimit { get; init; }
}
