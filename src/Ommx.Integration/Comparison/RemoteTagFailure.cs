namespace Ommx.Integration.Comparison;

/// <summary>A tag of the registry's repository that could not be brought into the Local Registry, and why.</summary>
internal sealed record RemoteTagFailure(string Tag, string Problem);
