using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Gc;

/// <summary>
/// Files outside the index whose contents name blobs GC must keep (Run journals: recordings in progress or
/// crashed). The layer that owns the file format hands them to GC; GC reads each file when marking and again,
/// if its length or write time changed, in every re-check under <c>blobs/.lock</c>.
/// </summary>
internal interface IGcRootFiles
{
    /// <summary>The files under <paramref name="registryRoot"/> (those that vanish before they are read are skipped).</summary>
    IReadOnlyList<string> Paths(string registryRoot);

    /// <summary>Every digest one file names; empty when it vanished.</summary>
    IReadOnlyList<Digest> DigestsIn(string path);
}
