using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>A digest reference (<c>name@sha256:X</c>) would point at a manifest other than X. Nothing was written.</summary>
internal sealed class DigestReferenceMismatchException : OmmxException
{
    public DigestReferenceMismatchException(string image, Digest manifest)
        : base($"{image} names manifest {image[(image.LastIndexOf('@') + 1)..]} by its digest but would point at manifest {manifest}; "
            + "a digest reference always names exactly that manifest. Nothing was written.")
    {
        Image = image;
        Manifest = manifest;
    }

    public string Image { get; }

    public Digest Manifest { get; }
}
