namespace Ommx.Integration.Registry;

/// <summary>
/// One row of the <c>refs</c> table as stored: repository key, reference (tag or digest), manifest digest
/// and the RFC 3339 time of the last change. Values are raw text, so a corrupt row can still be reported.
/// </summary>
internal sealed record RegistryRef(string Name, string Reference, string ManifestDigest, string UpdatedAt)
{
    /// <summary><c>name:reference</c>, or <c>name@reference</c> when the reference is a digest.</summary>
    public string ImageName => Join(Name, Reference);

    /// <summary>Joins a <c>refs</c> row's columns: <c>@</c> before a digest reference, <c>:</c> before a tag.</summary>
    internal static string Join(string name, string reference) =>
        name + (reference.Contains(':', StringComparison.Ordinal) ? "@" : ":") + reference;
}
