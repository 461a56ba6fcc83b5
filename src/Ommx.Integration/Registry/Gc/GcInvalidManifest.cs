using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Gc;

/// <summary>A manifest blob that could not be read or parsed; its children are not marked.</summary>
internal sealed record GcInvalidManifest(Digest Digest, Digest? ReferencedBy, GcReferenceKind Kind, string Error);
