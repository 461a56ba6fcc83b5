using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Gc;

/// <summary>A digest something references that has no blob file.</summary>
internal sealed record GcMissingBlob(Digest Digest, Digest? ReferencedBy, GcReferenceKind Kind);
