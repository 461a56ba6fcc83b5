using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>
/// The rule for refs whose reference is a digest (<c>name@sha256:X</c>): they point at manifest X and nothing
/// else. Tags cannot contain <c>:</c>, so a reference with one is a digest reference.
/// </summary>
internal static class DigestReferences
{
    public static bool IsDigestReference(string reference) => reference.Contains(':', StringComparison.Ordinal);

    /// <summary>Whether a ref row (reference, manifest digest) keeps the rule; tags always do.</summary>
    public static bool Agrees(string reference, string manifestDigest) =>
        !IsDigestReference(reference) || string.Equals(reference, manifestDigest, StringComparison.Ordinal);

    /// <summary>Throws <see cref="DigestReferenceMismatchException"/> when <paramref name="image"/> is a digest reference to another manifest.</summary>
    public static void Require(ImageReference image, Digest manifest)
    {
        ArgumentNullException.ThrowIfNull(image);
        Require(image.RepositoryKey, image.Reference, manifest);
    }

    public static void Require(string name, string reference, Digest manifest)
    {
        if (!Agrees(reference, manifest.ToString()))
        {
            throw new DigestReferenceMismatchException($"{name}@{reference}", manifest);
        }
    }
}
