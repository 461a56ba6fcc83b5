namespace Ommx.Integration.Registry.Maintenance;

/// <summary>Candidates (dry run) or the refs actually removed (delete).</summary>
internal sealed record PruneReport(string Root, bool DeleteApplied, IReadOnlyList<AnonymousRef> Refs)
{
    public int Count => Refs.Count;
}
