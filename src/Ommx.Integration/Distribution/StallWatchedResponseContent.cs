using System.Net;

namespace Ommx.Integration.Distribution;

/// <summary>
/// Replaces a response's content so that its body is read through a <see cref="StallWatchedReadStream"/>;
/// owns the exchange's <see cref="StallWatch"/> and disposes it with the response.
/// </summary>
internal sealed class StallWatchedResponseContent : HttpContent
{
    private readonly HttpContent inner;
    private readonly StallWatch watch;

    public StallWatchedResponseContent(HttpContent inner, StallWatch watch)
    {
        this.inner = inner;
        this.watch = watch;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) =>
        new StallWatchedReadStream(inner.ReadAsStream(cancellationToken), watch);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(CreateContentReadStream(CancellationToken.None));

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var body = CreateContentReadStream(cancellationToken);
        body.CopyTo(stream);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        using var body = CreateContentReadStream(CancellationToken.None);
        await body.CopyToAsync(stream).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = inner.Headers.ContentLength ?? 0;
        return inner.Headers.ContentLength.HasValue;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            watch.Dispose();
        }

        base.Dispose(disposing);
    }
}
