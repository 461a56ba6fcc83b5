namespace Ommx.Integration.Registry;

/// <summary>A file under <c>blobs/</c> (name or path) with the size and mtime seen when scanning.</summary>
internal sealed record BlobFileInfo(string Path, long Size, DateTime ModifiedUtc);
