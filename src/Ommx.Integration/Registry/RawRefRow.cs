namespace Ommx.Integration.Registry;

/// <summary>A <c>refs</c> row with its values as SQLite returned them (TEXT is expected; anything else is reported).</summary>
internal sealed record RawRefRow(object Name, object Reference, object ManifestDigest, object UpdatedAt);
