namespace Ommx.Integration.Registry;

/// <summary>
/// One row of the <c>refs</c> table as stored: repository key, reference (tag or digest), manifest digest
/// and the RFC 3339 time of the last change. Values are raw text, so a corrupt row can still be reported.
/// </summary>
public sealed record RegistryRef(string Name, string Reference, string ManifestDigest, string UpdatedAt)
{
    /// <summary><c>name:reference</c>, or <c>name@reference</c> when the reference is a digest.</summary>
    public string ImageName => Name + (Reference.Contains(':', StringComparison.Ordinal) ? "@" : ":") + Reference;
}
