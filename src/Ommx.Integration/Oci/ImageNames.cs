using System.Security.Cryptography;
using System.Text;

namespace Ommx.Integration.Oci;

/// <summary>
/// OMMX's generated names: anonymous artifacts and Experiments
/// (<c>&lt;id8&gt;.ommx.local/{anonymous,experiment}:&lt;YYYYMMDDTHHMMSS&gt;-&lt;12 hex&gt;</c>) and internal
/// Experiment checkpoint refs (<c>&lt;id8&gt;.ommx.local/checkpoint:&lt;sha256 of the requested name&gt;</c>).
/// </summary>
public static class ImageNames
{
    public const string AnonymousRepository = "anonymous";
    public const string ExperimentRepository = "experiment";
    public const string CheckpointRepository = "checkpoint";
    private const string LocalDomain = ".ommx.local";

    /// <summary><c>&lt;first 8 chars of the registry id&gt;.ommx.local</c>.</summary>
    public static string RegistryHost(string registryId)
    {
        ArgumentNullException.ThrowIfNull(registryId);
        var prefix = registryId.Length >= 8 ? registryId[..8] : registryId;
        if (!Oci.Digest.IsLowerHex(prefix, 8))
        {
            throw new OmmxException($"Anonymous artifact registry id must be at least 8 lowercase hex chars; got \"{prefix}\"");
        }

        return prefix + LocalDomain;
    }

    public static ImageReference NewAnonymous(string registryId, string repository) =>
        NewAnonymous(registryId, repository, DateTime.Now);

    /// <summary>A fresh anonymous name; the timestamp is local wall-clock time, as OMMX writes it.</summary>
    public static ImageReference NewAnonymous(string registryId, string repository, DateTime localNow)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (repository.Length == 0 || !repository.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-'))
        {
            throw new ArgumentException($"Anonymous repository must match [a-z0-9_-]+; got \"{repository}\"", nameof(repository));
        }

        var tag = localNow.ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12];
        return ImageReference.Parse($"{RegistryHost(registryId)}/{repository}:{tag}");
    }

    /// <summary>28 chars: 8 digits, <c>T</c>, 6 digits, <c>-</c>, 12 lower-case hex.</summary>
    public static bool IsAnonymousTag(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Length == 28
            && reference.AsSpan(0, 8).ContainsAnyExceptInRange('0', '9') is false
            && reference[8] == 'T'
            && reference.AsSpan(9, 6).ContainsAnyExceptInRange('0', '9') is false
            && reference[15] == '-'
            && Oci.Digest.IsLowerHex(reference.AsSpan(16), 12);
    }

    /// <summary><c>&lt;8 lower hex&gt;.ommx.local/anonymous</c> (or <c>/experiment</c> when included), any id prefix.</summary>
    public static bool IsAnonymousRepositoryKey(string name, bool includeExperiments)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length < 8 || !Oci.Digest.IsLowerHex(name.AsSpan(0, 8), 8))
        {
            return false;
        }

        var rest = name[8..];
        return rest == LocalDomain + "/" + AnonymousRepository
            || (includeExperiments && rest == LocalDomain + "/" + ExperimentRepository);
    }

    public static string CheckpointRepositoryKey(string registryId) => RegistryHost(registryId) + "/" + CheckpointRepository;

    /// <summary>The internal ref OMMX keeps a requested name's checkpoints under.</summary>
    public static ImageReference CheckpointReference(string registryId, ImageReference requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requested.ToString())));
        return ImageReference.Parse($"{CheckpointRepositoryKey(registryId)}:{hash}");
    }
}
