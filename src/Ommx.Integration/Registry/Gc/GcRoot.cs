using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Gc;

/// <summary>A root of the mark phase: a ref (name, reference) or a protected digest.</summary>
internal sealed record GcRoot(GcReferenceKind Kind, string? Name, string? Reference, Digest Digest)
{
    /// <summary><c>name:reference</c> (OMMX always joins with <c>:</c> here), or <c>null</c> for protected digests.</summary>
    public string? ImageName => Name is null ? null : $"{Name}:{Reference}";
}
