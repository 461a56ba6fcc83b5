using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Ommx.Integration.Oci;

/// <summary>
/// An image name parsed and normalised like OMMX (docker reference grammar): <c>alpine</c> becomes
/// <c>docker.io/library/alpine:latest</c>, a missing tag becomes <c>latest</c>, digest refs use <c>@</c>.
/// <see cref="RepositoryKey"/> and <see cref="Reference"/> are the two SQLite <c>refs</c> columns.
/// </summary>
public sealed partial class ImageReference : IEquatable<ImageReference>
{
    private const string DockerHub = "docker.io";
    private const string InvalidFormat = "invalid reference format";
    private readonly string display;

    private ImageReference(string registry, string repository, string? tag, string? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
        display = $"{registry}/{repository}{(tag is null ? string.Empty : ":" + tag)}{(digest is null ? string.Empty : "@" + digest)}";
    }

    /// <summary><c>docker.io</c>, <c>ghcr.io</c>, <c>localhost:5000</c>, …</summary>
    public string Registry { get; }

    /// <summary>The path after the registry, e.g. <c>library/alpine</c>.</summary>
    public string Repository { get; }

    /// <summary>The tag; <c>null</c> only when a digest was given without one.</summary>
    public string? Tag { get; }

    /// <summary><c>sha256:…</c> for digest references.</summary>
    public string? Digest { get; }

    /// <summary><c>registry/repository</c>: the <c>refs.name</c> column.</summary>
    public string RepositoryKey => Registry + "/" + Repository;

    /// <summary>The digest if present, else the tag: the <c>refs.reference</c> column.</summary>
    public string Reference => Digest ?? Tag!;

    public static ImageReference Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (result, reason) = ParseCore(input);
        return result ?? throw new InvalidImageReferenceException(input, reason!);
    }

    public static bool TryParse([NotNullWhen(true)] string? input, [NotNullWhen(true)] out ImageReference? result)
    {
        result = input is null ? null : ParseCore(input).Result;
        return result is not null;
    }

    /// <summary>Reassembles a <c>refs</c> row: <c>@</c> when the reference contains <c>:</c>, else <c>:</c>.</summary>
    public static ImageReference FromRepositoryAndReference(string name, string reference)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(reference);
        return Parse(name + (reference.Contains(':', StringComparison.Ordinal) ? "@" : ":") + reference);
    }

    private static (ImageReference? Result, string? Reason) ParseCore(string input)
    {
        var text = input.StartsWith("registry-1.docker.io/", StringComparison.Ordinal)
            ? "docker.io/" + input["registry-1.docker.io/".Length..]
            : input;
        var match = ReferencePattern().Match(text);
        if (!match.Success)
        {
            return (null, InvalidFormat);
        }

        var name = match.Groups["name"].Value;
        var tag = match.Groups["tag"].Success ? match.Groups["tag"].Value : null;
        var digest = match.Groups["digest"].Success ? match.Groups["digest"].Value : null;

        string registry;
        string repository;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? string.Empty : name[..slash];
        if (slash < 0 || (!first.Contains('.', StringComparison.Ordinal) && !first.Contains(':', StringComparison.Ordinal) && first != "localhost"))
        {
            registry = DockerHub;
            repository = name;
        }
        else
        {
            registry = first == "index.docker.io" ? DockerHub : first;
            repository = name[(slash + 1)..];
        }

        if (registry == DockerHub && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = "library/" + repository;
        }

        if (repository.Any(char.IsAsciiLetterUpper))
        {
            return (null, "repository name must be lowercase");
        }

        if (repository.Length > 255)
        {
            return (null, "repository name must not be more than 255 characters");
        }

        if (digest is not null && CheckDigest(digest) is { } digestProblem)
        {
            return (null, digestProblem);
        }

        if (tag is null && digest is null)
        {
            tag = "latest";
        }

        return (new ImageReference(registry, repository, tag, digest), null);
    }

    private static string? CheckDigest(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        var algorithm = digest[..colon];
        var hex = digest[(colon + 1)..];
        var expectedLength = algorithm switch
        {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => -1,
        };
        if (expectedLength < 0)
        {
            return "unsupported digest algorithm";
        }

        if (hex.Length != expectedLength)
        {
            return "invalid checksum digest length";
        }

        return hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f') ? null : "invalid checksum digest format";
    }

    // Domain: DNS-like labels (upper case allowed) with an optional port; path: lower-case components
    // joined by '.', '_', '__' or runs of '-'; tag: a word character then up to 127 of [\w.-];
    // digest: algorithm ':' at least 32 hex digits.
    [GeneratedRegex(
        @"^(?<name>(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();

    public bool Equals(ImageReference? other) => other is not null && display == other.display;

    public override bool Equals(object? obj) => Equals(obj as ImageReference);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(display);

    public override string ToString() => display;
}
