using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ommx.Integration.Oci;

/// <summary>
/// Names the Local Registry invents itself: anonymous artifact/experiment references
/// (<c>&lt;id8&gt;.ommx.local/anonymous:&lt;yyyyMMddTHHmmss&gt;-&lt;12 hex&gt;</c>) and experiment
/// checkpoint references (<c>&lt;id8&gt;.ommx.local/checkpoint:&lt;sha256 hex&gt;</c>), where
/// <c>&lt;id8&gt;</c> is the first 8 characters of the registry id.
/// </summary>
internal static class ImageNames
{
    /// <summary>Repository for anonymous artifacts and unnamed imports.</summary>
    public const string AnonymousRepository = "anonymous";

    /// <summary>Repository for anonymous Experiments.</summary>
    public const string ExperimentRepository = "experiment";

    /// <summary>Repository for internal experiment checkpoint refs.</summary>
    public const string CheckpointRepository = "checkpoint";

    private const string LocalHostSuffix = ".ommx.local";
    private const int RegistryIdPrefixLength = 8;
    private const int NonceLength = 12;
    private const int AnonymousTagLength = 28;

    /// <summary>
    /// The host <c>&lt;first 8 chars of the id&gt;.ommx.local</c> of this registry's own names.
    /// </summary>
    /// <exception cref="OmmxException">The first 8 characters are not lower-case hex.</exception>
    public static string RegistryHost(string registryId)
    {
        ArgumentNullException.ThrowIfNull(registryId);
        var prefix = registryId.Length > RegistryIdPrefixLength ? registryId[..RegistryIdPrefixLength] : registryId;
        if (prefix.Length != RegistryIdPrefixLength || !IsLowerHex(prefix))
        {
            throw new OmmxException(
                "Anonymous artifact registry id must be at least 8 lowercase hex chars; got "
                + InvalidImageReferenceException.DebugQuote(prefix));
        }

        return prefix + LocalHostSuffix;
    }

    /// <summary>
    /// A fresh anonymous name <c>&lt;id8&gt;.ommx.local/&lt;repository&gt;:&lt;yyyyMMddTHHmmss&gt;-&lt;12 hex&gt;</c>
    /// stamped with the current local wall-clock time.
    /// </summary>
    public static ImageReference NewAnonymous(string registryId, string repository) =>
        NewAnonymous(registryId, repository, DateTime.Now);

    /// <summary>
    /// A fresh anonymous name stamped with <paramref name="localNow"/>, which is formatted as given
    /// (its <see cref="DateTime.Kind"/> is ignored; callers pass local wall-clock time). The nonce is
    /// the first 12 lower-case hex characters of a new random GUID.
    /// </summary>
    /// <exception cref="OmmxException">
    /// The registry id is unusable or <paramref name="repository"/> is not <c>[a-z0-9_-]+</c>.
    /// </exception>
    public static ImageReference NewAnonymous(string registryId, string repository, DateTime localNow)
    {
        var host = RegistryHost(registryId);
        ArgumentNullException.ThrowIfNull(repository);
        if (!IsAnonymousRepositoryName(repository))
        {
            throw new OmmxException(
                "Anonymous artifact repository must match [a-z0-9_-]+; got "
                + InvalidImageReferenceException.DebugQuote(repository));
        }

        var timestamp = localNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var nonce = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..NonceLength];
        return ImageReference.Parse(host + "/" + repository + ":" + timestamp + "-" + nonce);
    }

    /// <summary>
    /// Whether <paramref name="reference"/> has the anonymous tag shape: 28 characters, 8 ASCII
    /// digits, <c>T</c>, 6 digits, <c>-</c>, 12 of <c>[0-9a-f]</c> (digits are not checked as a date).
    /// </summary>
    public static bool IsAnonymousTag(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Length != AnonymousTagLength || reference[8] != 'T' || reference[15] != '-')
        {
            return false;
        }

        for (var i = 0; i < 15; i++)
        {
            if (i != 8 && !char.IsAsciiDigit(reference[i]))
            {
                return false;
            }
        }

        return IsLowerHex(reference.AsSpan(16));
    }

    /// <summary>
    /// Whether <paramref name="name"/> is exactly <c>&lt;8 of [0-9a-f]&gt;.ommx.local/anonymous</c>, or
    /// <c>…/experiment</c> when <paramref name="includeExperiments"/>. Any id prefix matches, not just
    /// this registry's.
    /// </summary>
    public static bool IsAnonymousRepositoryKey(string name, bool includeExperiments)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length <= RegistryIdPrefixLength || !IsLowerHex(name.AsSpan(0, RegistryIdPrefixLength)))
        {
            return false;
        }

        var rest = name.AsSpan(RegistryIdPrefixLength);
        return rest.SequenceEqual(LocalHostSuffix + "/" + AnonymousRepository)
            || (includeExperiments && rest.SequenceEqual(LocalHostSuffix + "/" + ExperimentRepository));
    }

    /// <summary>
    /// The internal checkpoint ref for <paramref name="requested"/>:
    /// <c>&lt;id8&gt;.ommx.local/checkpoint:&lt;lower-case hex SHA-256 of the UTF-8 canonical display string&gt;</c>.
    /// </summary>
    public static ImageReference CheckpointReference(string registryId, ImageReference requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var key = CheckpointRepositoryKey(registryId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(requested.ToString()));
        return ImageReference.Parse(key + ":" + Convert.ToHexStringLower(hash));
    }

    /// <summary>This registry's checkpoint repository key <c>&lt;id8&gt;.ommx.local/checkpoint</c>.</summary>
    public static string CheckpointRepositoryKey(string registryId) =>
        RegistryHost(registryId) + "/" + CheckpointRepository;

    private static bool IsAnonymousRepositoryName(string repository)
    {
        if (repository.Length == 0)
        {
            return false;
        }

        foreach (var c in repository)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerHex(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
