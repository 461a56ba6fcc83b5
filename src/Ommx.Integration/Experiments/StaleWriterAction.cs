namespace Ommx.Integration.Experiments;

/// <summary>How an expired writer lease was resolved.</summary>
internal enum StaleWriterAction
{
    /// <summary>Its Experiment's journal or draft checkpoint became an <c>interrupted</c> checkpoint; the lease was removed.</summary>
    Interrupted,

    /// <summary>Nothing needed saving (no journal or draft, already committed, or not an Experiment); the lease was removed.</summary>
    Removed,

    /// <summary>Another process claimed the lease first; left to it.</summary>
    ClaimedElsewhere,

    /// <summary>Recovery failed; the lease stays (claimed by this process, so it expires again and is retried).</summary>
    Failed,
}
