namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx diff &lt;base&gt; &lt;head&gt; [--metric name:goal[:tolerance[:relative]]]… [--fail-on-regression] [--json|--markdown]</c>.</summary>
internal sealed record DiffCommandOptions
{
    public required string Base { get; init; }

    public required string Head { get; init; }

    /// <summary>Metric declarations that override those recorded in the Experiments, e.g. <c>objective:maximize:1e-6</c>.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [];

    /// <summary>Exit 1 when a test case broke or a metric regressed.</summary>
    public bool FailOnRegression { get; init; }

    /// <summary>Allow plain HTTP to a registry that is not on loopback when an image must be pulled.</summary>
    public bool Insecure { get; init; }

    public bool Markdown { get; init; }

    public bool Json { get; init; }

    public string? Root { get; init; }
}
