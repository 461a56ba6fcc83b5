using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ommx.Integration.Oci;

/// <summary>
/// An OCI image reference in OMMX's canonical form: <c>registry/repository(:tag)?(@digest)?</c>.
/// Every instance comes out of <see cref="Parse"/>, so Docker Hub shorthand (<c>alpine</c>,
/// <c>index.docker.io/…</c>, <c>registry-1.docker.io/…</c>) is already normalised and two
/// spellings of the same image compare equal.
/// </summary>
public sealed partial class ImageReference : IEquatable<ImageReference>
{
    internal const string ReasonInvalidFormat = "invalid reference format";
    internal const string ReasonNameEmpty = "repository name must have at least one component";
    internal const string ReasonNameTooLong = "repository name must not be more than 255 characters";
    internal const string ReasonNameContainsUppercase = "repository name must be lowercase";
    internal const string ReasonDigestUnsupported = "unsupported digest algorithm";
    internal const string ReasonDigestInvalidLength = "invalid checksum digest length";
    internal const string ReasonDigestInvalidFormat = "invalid checksum digest format";

    private const string DockerHubRegistry = "docker.io";
    private const string LegacyDockerHubRegistry = "index.docker.io";
    private const string LegacyDockerHubPrefix = "registry-1.docker.io/";
    private const string DockerHubOfficialNamespace = "library/";
    private const string DefaultTag = "latest";
    private const int MaxRepositoryLength = 255;
    private const int MaxTagLength = 128;

    private readonly string canonical;

    private ImageReference(string registry, string repository, string? tag, string? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;

        var builder = new StringBuilder(registry.Length + repository.Length + 1);
        builder.Append(registry).Append('/').Append(repository);
        if (tag is not null)
        {
            builder.Append(':').Append(tag);
        }

        if (digest is not null)
        {
            builder.Append('@').Append(digest);
        }

        canonical = builder.ToString();
    }

    /// <summary>Registry host with optional port, e.g. <c>docker.io</c>, <c>localhost:5000</c>.</summary>
    public string Registry { get; }

    /// <summary>Repository path, e.g. <c>library/alpine</c> or <c>jij-inc/ommx/demo</c>.</summary>
    public string Repository { get; }

    /// <summary>The tag; <see langword="null"/> only when a digest was given without a tag.</summary>
    public string? Tag { get; }

    /// <summary>The digest such as <c>sha256:&lt;hex&gt;</c>, or <see langword="null"/>.</summary>
    public string? Digest { get; }

    /// <summary><c>Registry + "/" + Repository</c>; the Local Registry's <c>refs.name</c> column.</summary>
    public string RepositoryKey => Registry + "/" + Repository;

    /// <summary>
    /// The digest if there is one, otherwise the tag; the Local Registry's <c>refs.reference</c>
    /// column. A <c>name:tag@digest</c> reference keeps only the digest here.
    /// </summary>
    public string Reference => Digest ?? Tag ?? DefaultTag;

    /// <summary>
    /// Parses and normalises an image reference.
    /// </summary>
    /// <exception cref="InvalidImageReferenceException">The text is not a valid reference.</exception>
    public static ImageReference Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reason = TryParseCore(input, out var result);
        if (reason is not null)
        {
            throw new InvalidImageReferenceException(input, reason);
        }

        return result!;
    }

    /// <summary>
    /// Parses and normalises an image reference; returns <see langword="false"/> instead of
    /// throwing when <paramref name="input"/> is <see langword="null"/> or invalid.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? input, [NotNullWhen(true)] out ImageReference? result)
    {
        if (input is null)
        {
            result = null;
            return false;
        }

        var reason = TryParseCore(input, out var parsed);
        result = reason is null ? parsed : null;
        return result is not null;
    }

    /// <summary>
    /// Reassembles a reference from the Local Registry's <c>refs.name</c> and <c>refs.reference</c>
    /// columns: joined with <c>@</c> when <paramref name="reference"/> contains <c>:</c> (a digest),
    /// otherwise with <c>:</c>, and then parsed in full.
    /// </summary>
    /// <exception cref="InvalidImageReferenceException">The joined text is not a valid reference.</exception>
    public static ImageReference FromRepositoryAndReference(string name, string reference)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(reference);
        var separator = reference.Contains(':', StringComparison.Ordinal) ? '@' : ':';
        return Parse(name + separator + reference);
    }

    /// <summary>The canonical display form <c>registry/repository(:tag)?(@digest)?</c>.</summary>
    public override string ToString() => canonical;

    public bool Equals(ImageReference? other) =>
        other is not null && string.Equals(canonical, other.canonical, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ImageReference);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(canonical);

    /// <summary>Returns <see langword="null"/> on success, otherwise the reason text.</summary>
    private static string? TryParseCore(string input, out ImageReference? result)
    {
        result = null;
        if (input.Length == 0)
        {
            return ReasonNameEmpty;
        }

        // Step 1: ocipkg's legacy Docker Hub host, only with the trailing slash.
        var text = input.StartsWith(LegacyDockerHubPrefix, StringComparison.Ordinal)
            ? DockerHubRegistry + "/" + input[LegacyDockerHubPrefix.Length..]
            : input;

        // Step 2: the reference grammar NAME(:TAG)?(@DIGEST)?. Neither the name nor the tag may
        // contain '@', so the digest starts after the first '@'. The name may contain ':' only in
        // a host port, which is always followed by '/', so a tag starts at the first ':' after the
        // last '/'. Splitting like this accepts exactly what the anchored whole-string grammar does.
        var nameAndTag = text;
        string? digest = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            nameAndTag = text[..at];
            digest = text[(at + 1)..];
            if (!DigestPattern().IsMatch(digest))
            {
                return ReasonInvalidFormat;
            }
        }

        var name = nameAndTag;
        string? tag = null;
        var colon = nameAndTag.IndexOf(':', nameAndTag.LastIndexOf('/') + 1);
        if (colon >= 0)
        {
            name = nameAndTag[..colon];
            tag = nameAndTag[(colon + 1)..];
            if (!IsValidTag(tag))
            {
                return ReasonInvalidFormat;
            }
        }

        if (!IsValidName(name))
        {
            return ReasonInvalidFormat;
        }

        // Step 3: default tag.
        if (tag is null && digest is null)
        {
            tag = DefaultTag;
        }

        // Step 4: domain split and Docker Hub normalisation.
        var (registry, repository) = SplitDomain(name);

        // A first segment such as "Foo" in "Foo/bar" passes the grammar as a host but is not one,
        // so it ends up in the repository, which must be lower case.
        if (ContainsAsciiUpper(repository))
        {
            return ReasonNameContainsUppercase;
        }

        // Step 5: repository length.
        if (repository.Length > MaxRepositoryLength)
        {
            return ReasonNameTooLong;
        }

        // Step 6: digest algorithm, length and lower-case hex.
        if (digest is not null)
        {
            var digestReason = CheckDigest(digest);
            if (digestReason is not null)
            {
                return digestReason;
            }
        }

        result = new ImageReference(registry, repository, tag, digest);
        return null;
    }

    private static bool IsValidName(string name)
    {
        var segments = name.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (!PathComponentPattern().IsMatch(segments[i]))
            {
                return false;
            }
        }

        // The first segment is either a repository path component or, when more segments follow,
        // a host with an optional port.
        return PathComponentPattern().IsMatch(segments[0])
            || (segments.Length > 1 && HostPattern().IsMatch(segments[0]));
    }

    private static (string Registry, string Repository) SplitDomain(string name)
    {
        string registry;
        string repository;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            registry = DockerHubRegistry;
            repository = name;
        }
        else
        {
            var first = name[..slash];
            if (first.Contains('.', StringComparison.Ordinal)
                || first.Contains(':', StringComparison.Ordinal)
                || string.Equals(first, "localhost", StringComparison.Ordinal))
            {
                registry = first;
                repository = name[(slash + 1)..];
            }
            else
            {
                registry = DockerHubRegistry;
                repository = name;
            }
        }

        if (string.Equals(registry, LegacyDockerHubRegistry, StringComparison.Ordinal))
        {
            registry = DockerHubRegistry;
        }

        if (string.Equals(registry, DockerHubRegistry, StringComparison.Ordinal)
            && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = DockerHubOfficialNamespace + repository;
        }

        return (registry, repository);
    }

    private static string? CheckDigest(string digest)
    {
        // The grammar guarantees exactly one ':' between the algorithm and the hex part.
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        var algorithm = digest[..colon];
        var hex = digest[(colon + 1)..];
        var expectedLength = algorithm switch
        {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => 0,
        };
        if (expectedLength == 0)
        {
            return ReasonDigestUnsupported;
        }

        if (hex.Length != expectedLength)
        {
            return ReasonDigestInvalidLength;
        }

        return ContainsAsciiUpper(hex) ? ReasonDigestInvalidFormat : null;
    }

    /// <summary>
    /// Tag grammar <c>[\w][\w.-]{0,127}</c> with Rust's Unicode-aware <c>\w</c>, counted in code
    /// points (not UTF-16 units).
    /// </summary>
    private static bool IsValidTag(string tag)
    {
        var count = 0;
        var remaining = tag.AsSpan();
        while (!remaining.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(remaining, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            remaining = remaining[consumed..];
            var allowed = IsRustWordCharacter(rune) || (count > 0 && (rune.Value == '.' || rune.Value == '-'));
            if (!allowed || ++count > MaxTagLength)
            {
                return false;
            }
        }

        return count > 0;
    }

    /// <summary>
    /// Rust regex's Unicode <c>\w</c>: Alphabetic, marks, decimal digits, connector punctuation
    /// and the join controls. Alphabetic is letters, letter numbers and Other_Alphabetic; the
    /// Other_Alphabetic characters that are not marks are the circled/squared Latin letters.
    /// </summary>
    private static bool IsRustWordCharacter(Rune rune)
    {
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.EnclosingMark:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.ConnectorPunctuation:
                return true;
            default:
                return rune.Value is 0x200C or 0x200D
                    or (>= 0x24B6 and <= 0x24E9)
                    or (>= 0x1F130 and <= 0x1F149)
                    or (>= 0x1F150 and <= 0x1F169)
                    or (>= 0x1F170 and <= 0x1F189);
        }
    }

    private static bool ContainsAsciiUpper(string value)
    {
        foreach (var c in value)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                return true;
            }
        }

        return false;
    }

    // The patterns below are unambiguous rewrites of the upstream components (same languages),
    // anchored with \z so that a trailing newline is not accepted.

    /// <summary>Path component: <c>[a-z0-9]+</c> joined by <c>.</c>, <c>_</c>, <c>__</c> or runs of <c>-</c>.</summary>
    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PathComponentPattern();

    /// <summary>Host: DNS-label-like components (either case) joined by <c>.</c>, optional <c>:port</c>.</summary>
    [GeneratedRegex(@"^[a-zA-Z0-9]+(?:-+[a-zA-Z0-9]+)*(?:\.[a-zA-Z0-9]+(?:-+[a-zA-Z0-9]+)*)*(?::[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();

    /// <summary>Digest: <c>alg:hex</c> with at least 32 hex digits of either case.</summary>
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();
}
