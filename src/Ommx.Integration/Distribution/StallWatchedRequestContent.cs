using System.Net;

namespace Ommx.Integration.Distribution;

/// <summary>
/// Wraps an upload body so that what is written to the connection counts as progress for the exchange's
/// <see cref="StallWatch"/>: writes go out in slices of at most 64 KiB, each counted as it starts, so a
/// registry that stops reading our upload shows as a stall, and a slow but moving upload does not.
/// </summary>
internal sealed class StallWatchedRequestContent : HttpContent
{
    private readonly HttpContent inner;
    private readonly StallWatch watch;

    public StallWatchedRequestContent(HttpContent inner, StallWatch watch)
    {
        this.inner = inner;
        this.watch = watch;
        var length = inner.Headers.ContentLength;
        foreach (var header in inner.Headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        Headers.ContentLength = length;
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        inner.CopyTo(new StallCountingWriteStream(stream, watch), context, cancellationToken);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        inner.CopyToAsync(new StallCountingWriteStream(stream, watch), context);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        inner.CopyToAsync(new StallCountingWriteStream(stream, watch), context, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = Headers.ContentLength ?? 0;
        return Headers.ContentLength.HasValue;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
