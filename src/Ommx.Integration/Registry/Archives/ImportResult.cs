using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Archives;

/// <summary>What an import published: the image name, the manifest, and whether the ref was new.</summary>
internal sealed record ImportResult(ImageReference Image, Descriptor Manifest, string ArtifactType, PublishOutcome Outcome, int BlobCount);
