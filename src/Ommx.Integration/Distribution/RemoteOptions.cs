namespace Ommx.Integration.Distribution;

/// <summary>How to talk to remote OCI registries during push and pull.</summary>
public sealed record RemoteOptions
{
    /// <summary>
    /// Allow plain HTTP to any host. Without it only loopback hosts (<c>localhost</c>, <c>127.*</c>,
    /// <c>::1</c>) are spoken to over HTTP, everything else over HTTPS.
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

    /// <summary>Upper bound for one request, body included.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public ITransferProgress? Progress { get; init; }

    /// <summary>Wraps the HTTP transport (the innermost handler is passed in); for tests and diagnostics.</summary>
    public Func<HttpMessageHandler, HttpMessageHandler>? Transport { get; init; }
}
