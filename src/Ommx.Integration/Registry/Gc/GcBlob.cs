using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Gc;

/// <summary>A blob file GC saw: digest, size and modification time.</summary>
internal sealed record GcBlob(Digest Digest, long Size, DateTimeOffset? Modified);
