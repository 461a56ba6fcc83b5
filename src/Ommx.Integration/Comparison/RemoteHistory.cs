using System.Text.RegularExpressions;
using Ommx.Integration.Distribution;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Comparison;

/// <summary>
/// Brings a repository's Experiments from the OCI registry it lives in into the Local Registry, so that
/// <see cref="ExperimentHistory"/> sees them next to the local ones. Which tags: the newest <c>limit</c> of the tags
/// the recorder gives (<c>yyyyMMddTHHmmssZ-…</c>, newest by name), and up to <c>limit</c> other tags (such as
/// <c>base</c> or <c>v1</c>); the moving aliases <c>latest</c> and <c>latest-failed</c> are left out, since they
/// name a manifest that has its own tag and the local ones of that name point elsewhere. Already-present
/// Experiments cost no transfer; a tag that cannot be pulled is reported and the rest go on.
/// </summary>
internal static partial class RemoteHistory
{
    public static RemoteHistoryPull Pull(LocalRegistry registry, string repository, int limit, RemoteOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var name = ImageReference.Parse(ExperimentHistory.RepositoryKey(repository) + ":latest");
        using var client = new RegistryClient(RegistryEndpoint.For(name.Registry, options.Insecure), options);
        var tags = client.ListTags(name.Repository);
        var pulled = new List<PullResult>();
        var failed = new List<RemoteTagFailure>();
        foreach (var tag in Choose(tags, limit))
        {
            var image = ImageReference.FromRepositoryAndReference(name.RepositoryKey, tag);
            try
            {
                pulled.Add(registry.Pull(image, options));
            }
            catch (OmmxException e)
            {
                failed.Add(new RemoteTagFailure(tag, e.Message));
            }
        }

        return new RemoteHistoryPull(name.RepositoryKey, tags.Count, pulled, failed);
    }

    internal static IReadOnlyList<string> Choose(IReadOnlyList<string> tags, int limit)
    {
        var recorded = tags.Where(t => RecordedTag().IsMatch(t)).OrderDescending(StringComparer.Ordinal).Take(limit);
        var named = tags.Where(t => !RecordedTag().IsMatch(t) && t is not ("latest" or "latest-failed")).OrderDescending(StringComparer.Ordinal).Take(limit);
        return [.. recorded, .. named];
    }

    [GeneratedRegex(@"^[0-9]{8}T[0-9]{6}Z(-[0-9a-z]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex RecordedTag();
}
