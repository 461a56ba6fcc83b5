namespace Ommx.Integration.Registry.Gc;

/// <summary>Why GC visited a digest.</summary>
internal enum GcReferenceKind
{
    RefManifest,
    ProtectedDigest,
    Config,
    Layer,
    Subject,

    /// <summary>Registered by a live writer lease: written, not yet published.</summary>
    LeasedDigest,
}
