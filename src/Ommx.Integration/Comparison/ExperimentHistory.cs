using System.Globalization;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Comparison;

/// <summary>
/// The history of a repository: its committed Experiments and its failed or interrupted checkpoints (a failed
/// <c>dotnet test</c> leaves one), oldest first, and each test case across them — outcome sequence, metric trend,
/// where its current failure began, and whether it is flaky: passed and failed at the same git revision, or
/// alternating between passed and failed at least twice.
/// </summary>
public static class ExperimentHistory
{
    /// <summary>
    /// The newest <paramref name="limit"/> Experiments of <paramref name="repository"/> (for example
    /// <c>example.com/team/knapsack</c>) in this registry, oldest first; aliases of one manifest count once.
    /// </summary>
    public static IReadOnlyList<HistoryEntry> Find(LocalRegistry registry, string repository, int limit = 20)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var key = RepositoryKey(repository);
        var entries = new Dictionary<string, HistoryEntry>(StringComparer.Ordinal);
        // The moving aliases (latest, latest-failed) name a manifest that also has its own tag: that tag wins.
        foreach (var record in ExperimentCatalog.List(registry).Experiments
                     .Where(r => r.Image.RepositoryKey == key)
                     .OrderBy(r => r.Image.Tag is "latest" or "latest-failed"))
        {
            entries.TryAdd(record.ManifestDigest.ToString(), Entry(record, record.Image));
        }

        var failed = new[] { ExperimentStatus.Failed, ExperimentStatus.Interrupted };
        foreach (var record in ExperimentCatalog.ListCheckpoints(registry, statuses: failed).Checkpoints
                     .Where(r => r.RequestedImage?.RepositoryKey == key))
        {
            entries.TryAdd(record.ManifestDigest.ToString(), Entry(record, record.RequestedImage!));
        }

        return [.. entries.Values
            .OrderBy(e => e.Created, StringComparer.Ordinal)
            .ThenBy(e => e.Image.ToString(), StringComparer.Ordinal)
            .TakeLast(limit)];
    }

    /// <summary>Reads <paramref name="entries"/> from <paramref name="registry"/> and follows every test case across them.</summary>
    public static HistoryReport Build(LocalRegistry registry, string repository, IReadOnlyList<HistoryEntry> entries, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(entries);
        var metrics = new Dictionary<string, MetricDeclaration>(StringComparer.Ordinal);
        var tables = new List<Dictionary<string, ComparedCase>>();
        var duplicates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            using var experiment = Experiment.Load(registry, entry.StoredAs.ToString(), new ExperimentLoadOptions { AllowPull = false });
            foreach (var metric in MetricAnnotation.Read(experiment.Annotations))
            {
                metrics[metric.Name] = metric;
            }

            foreach (var metric in options?.Metrics ?? [])
            {
                metrics[metric.Name] = metric;
            }

            tables.Add(CaseTable.Read(experiment, metrics, duplicates));
        }

        var cases = new List<CaseHistory>();
        foreach (var key in tables.SelectMany(t => t.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var seen = tables.Select(t => t.GetValueOrDefault(key)).ToList();
            var outcomes = seen.Select(c => c?.Outcome).ToList();
            var trends = new SortedDictionary<string, IReadOnlyList<double?>>(StringComparer.Ordinal);
            foreach (var name in metrics.Keys.Where(n => seen.Any(c => c?.Values.ContainsKey(n) == true)))
            {
                trends[name] = seen.Select(c => c is not null && c.Values.TryGetValue(name, out var v) ? v : (double?)null).ToList();
            }

            var display = seen.Last(c => c is not null)!.DisplayName;
            cases.Add(new CaseHistory(key, display, outcomes, trends, FirstFailure(outcomes), Flaky(outcomes, entries)));
        }

        return new HistoryReport(repository, entries, cases);
    }

    private static HistoryEntry Entry(ExperimentRecord record, ImageReference image) => new(
        image,
        record.Image,
        record.Status,
        record.Annotations.GetValueOrDefault("org.opencontainers.image.created") ?? record.UpdatedAt,
        record.Annotations.GetValueOrDefault("org.opencontainers.image.revision"));

    internal static string RepositoryKey(string repository)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        // A name with a tag or digest is taken as is; a bare repository gets a placeholder tag (the port colon of a host does not count).
        var text = repository.Trim();
        var tagged = text.Contains('@', StringComparison.Ordinal) || text.IndexOf(':', text.LastIndexOf('/') + 1) >= 0;
        return ImageReference.Parse(tagged ? text : text + ":latest").RepositoryKey;
    }

    private static bool Failing(string? outcome) => outcome is "failed" or "interrupted";

    private static int? FirstFailure(IReadOnlyList<string?> outcomes)
    {
        int? start = null;
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (outcomes[i] is null)
            {
                continue;
            }

            start = Failing(outcomes[i]) ? start ?? i : null;
        }

        return start;
    }

    private static string? Flaky(IReadOnlyList<string?> outcomes, IReadOnlyList<HistoryEntry> entries)
    {
        foreach (var group in Enumerable.Range(0, outcomes.Count)
                     .Where(i => entries[i].Revision is not null && (outcomes[i] == "passed" || Failing(outcomes[i])))
                     .GroupBy(i => entries[i].Revision!, StringComparer.Ordinal))
        {
            if (group.Any(i => outcomes[i] == "passed") && group.Any(i => Failing(outcomes[i])))
            {
                return $"passed and failed at revision {ShortRevision(group.Key)}";
            }
        }

        var results = outcomes.Where(o => o == "passed" || Failing(o)).Select(o => o == "passed").ToList();
        var flips = results.Zip(results.Skip(1)).Count(pair => pair.First != pair.Second);
        return flips >= 2 ? string.Create(CultureInfo.InvariantCulture, $"alternated between passed and failed {flips} times") : null;
    }

    /// <summary>The first 12 characters of a git revision, as history shows it.</summary>
    internal static string ShortRevision(string revision) => revision.Length > 12 ? revision[..12] : revision;
}
