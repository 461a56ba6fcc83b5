using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Archives;

/// <summary>
/// The Experiment loader's own checks over an artifact's staged blobs, which import runs so that what it accepts
/// loads and lists. The Experiment format owns the rule and sits above the registry, so it hands the rule down
/// (<see cref="Current"/> is set when the assembly loads) instead of the registry reaching up for it.
/// </summary>
internal static class ExperimentContentCheck
{
    /// <summary>Throws <see cref="OmmxException"/> when the Experiment would not load.</summary>
    internal delegate void Rule(ImageManifest manifest, byte[] config, Func<Descriptor, long?> sizeOf, Func<Descriptor, byte[]> read);

    public static Rule Current { get; set; } = (_, _, _, _) =>
        throw new InvalidOperationException("The Experiment format did not register its import check");
}
