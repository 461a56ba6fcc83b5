using System.Globalization;

namespace Ommx.Integration.Registry.Leases;

/// <summary>One row of the lease file, and whether it still protects anything.</summary>
internal sealed record LeaseInfo
{
    public required string Id { get; init; }

    public required LeaseKind Kind { get; init; }

    /// <summary>What the writer works on: the requested image name of an Experiment, an archive path, an image being pulled.</summary>
    public string? Subject { get; init; }

    public required int ProcessId { get; init; }

    public required string HostName { get; init; }

    /// <summary>Distinguishes this process from a later one that reused its pid.</summary>
    public required string ProcessStart { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset HeartbeatAt { get; init; }

    public required TimeSpan Expiry { get; init; }

    public int DigestCount { get; init; }

    public LeaseState State { get; init; }

    public bool IsExpired => State != LeaseState.Live;

    /// <summary>Why the lease no longer protects anything, in words (empty for a live lease).</summary>
    public string ExpiryReason => State switch
    {
        LeaseState.ProcessGone =>
            $"writer process {ProcessId.ToString(CultureInfo.InvariantCulture)} on {HostName} is gone (lease {Id} started {Format(StartedAt)}, last heartbeat {Format(HeartbeatAt)})",
        LeaseState.HeartbeatExpired =>
            $"writer process {ProcessId.ToString(CultureInfo.InvariantCulture)} on {HostName} sent no heartbeat since {Format(HeartbeatAt)} (expiry {DurationText.Format(Expiry)}, lease {Id})",
        _ => string.Empty,
    };

    /// <summary>Decides the state: on this host a vanished process expires the lease at once; anywhere, a silent one expires after <see cref="Expiry"/>.</summary>
    internal LeaseInfo Evaluate(DateTimeOffset now)
    {
        var state = HostName == ProcessIdentity.CurrentHost && !ProcessIdentity.IsAlive(ProcessId, ProcessStart)
            ? LeaseState.ProcessGone
            : now - HeartbeatAt > Expiry ? LeaseState.HeartbeatExpired : LeaseState.Live;
        return this with { State = state };
    }

    private static string Format(DateTimeOffset time) => RegistryTime.Format(time);
}
