using Ommx.Integration.Distribution;

namespace Ommx.Integration.Experiments;

/// <summary>How <see cref="Experiment.Load(Registry.LocalRegistry, string, ExperimentLoadOptions?)"/> may reach the network.</summary>
public sealed record ExperimentLoadOptions
{
    /// <summary>The environment variable that, set to <c>1</c> or <c>true</c>, turns <see cref="AllowPull"/> off by default.</summary>
    public const string OfflineVariable = "OMMX_OFFLINE";

    /// <summary>
    /// Pull from the image's registry when the ref is not local (OMMX's behaviour, the default). Off when
    /// <c>OMMX_OFFLINE</c> is <c>1</c>/<c>true</c>; then a missing ref is an <see cref="Registry.ArtifactNotFoundException"/>
    /// without any network access. Internal <c>*.ommx.local</c> names are never pulled.
    /// </summary>
    public bool AllowPull { get; init; } = !IsOfflineByEnvironment();

    /// <summary>Transport settings for the pull (credentials, <c>--insecure</c>, retries).</summary>
    public RemoteOptions? Remote { get; init; }

    private static bool IsOfflineByEnvironment() =>
        Environment.GetEnvironmentVariable(OfflineVariable) is { } v && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));
}
