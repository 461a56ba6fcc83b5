namespace Ommx.Integration.Distribution;

/// <summary>How to talk to remote OCI registries during push and pull.</summary>
public sealed record RemoteOptions
{
    /// <summary>
    /// Speak plain HTTP to the registry's host. Without it only loopback addresses (127.0.0.0/8, <c>::1</c>,
    /// <c>localhost</c>) are spoken to over HTTP, everything else over HTTPS. Either way credentials go only
    /// to the registry's own origin, and plain HTTP to any other non-loopback host is refused.
    /// </summary>
    public bool Insecure { get; init; }

    /// <summary>Where credentials come from; <c>null</c> means <see cref="CredentialChain.Default"/> (environment, then Docker config).</summary>
    public ICredentialSource? Credentials { get; init; }

    public RetryPolicy Retry { get; init; } = new();

    /// <summary>Blobs up to this size are uploaded in one request; larger ones in PATCH chunks of <see cref="ChunkSize"/>.</summary>
    public long MonolithicUploadLimit { get; init; } = 32L << 20;

    public long ChunkSize { get; init; } = 8L << 20;

    /// <summary>Ask the registry to link a blob from another repository of the same host instead of uploading it.</summary>
    public bool CrossRepositoryMount { get; init; } = true;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A request whose exchange (our upload, the wait for the answer, its body) moves fewer than 1 KiB in this
    /// long is stalled: the attempt fails as a transient transport error. Internal: a test hook.
    /// </summary>
    internal TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Upper bound for sending one request and receiving its headers.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(30);

    internal ITransferProgress? Progress { get; init; }

    /// <summary>Wraps the HTTP transport (the innermost handler is passed in); for tests and diagnostics.</summary>
    public Func<HttpMessageHandler, HttpMessageHandler>? Transport { get; init; }
}
