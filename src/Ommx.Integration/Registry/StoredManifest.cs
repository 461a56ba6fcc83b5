using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>A manifest read from the store: its digest, exact bytes and parsed form.</summary>
internal sealed record StoredManifest(Digest Digest, byte[] Bytes, ImageManifest Manifest)
{
    public Descriptor Descriptor => new(MediaTypes.ImageManifest, Digest, Bytes.LongLength);
}
