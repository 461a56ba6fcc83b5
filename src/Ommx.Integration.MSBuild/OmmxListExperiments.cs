using System.Globalization;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;

namespace Ommx.Integration.MSBuild;

/// <summary><c>dotnet build -t:OmmxListExperiments</c>: the committed Experiments, as <c>ommx experiments</c> lists them.</summary>
public sealed class OmmxListExperiments : OmmxTask
{
    /// <summary>Only image names starting with this.</summary>
    public string? Prefix { get; set; }

    private protected override string ErrorCode => ErrorCodes.ListFailed;

    private protected override bool Run()
    {
        var prefix = string.IsNullOrWhiteSpace(Prefix) ? null : Prefix;
        using var registry = LocalRegistry.Open(Root, RegistryAccess.Read);
        var (experiments, warnings) = ExperimentCatalog.List(registry, prefix);
        foreach (var warning in warnings)
        {
            LogWarning(ErrorCodes.ListingSkipped, warning.ToString());
        }

        if (experiments.Count == 0)
        {
            Report(prefix is null ? "no Experiments found" : $"no Experiments match {prefix}");
            return true;
        }

        var rows = experiments.Select(e => new[]
        {
            e.ImageName,
            StatusText.Of(e.Status),
            e.RunCount.ToString(CultureInfo.InvariantCulture) + " run(s)",
            e.SolveCount.ToString(CultureInfo.InvariantCulture) + " solve(s)",
            RegistryTime.TryParse(e.UpdatedAt, out var time) ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : e.UpdatedAt,
            "sha256:" + e.ManifestDigest.Hex[..12],
        }).ToList();
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            Report(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))));
        }

        return true;
    }
}
