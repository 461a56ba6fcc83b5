using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Maintenance;

namespace Ommx.Integration.MSBuild;

/// <summary><c>dotnet build -t:OmmxPruneAnonymous</c>: OMMX's prune-anonymous (dry run unless <see cref="Delete"/>).</summary>
public sealed class OmmxPruneAnonymous : OmmxTask
{
    public bool Delete { get; set; }

    /// <summary>Also prune anonymous Experiments, not only anonymous artifacts.</summary>
    public bool Experiments { get; set; }

    /// <summary>OMMX duration text; only refs at least this old.</summary>
    public string? OlderThan { get; set; }

    private protected override string ErrorCode => ErrorCodes.PruneFailed;

    private protected override bool Run()
    {
        var olderThan = string.IsNullOrWhiteSpace(OlderThan) ? (TimeSpan?)null : DurationText.Parse(OlderThan);
        using var registry = LocalRegistry.Open(Root, Delete ? RegistryAccess.Delete : RegistryAccess.Read);
        var report = AnonymousRefPruner.Run(registry, new PruneOptions { Delete = Delete, Experiments = Experiments, OlderThan = olderThan });
        if (report.Count == 0)
        {
            Report("no matching anonymous refs found");
            return true;
        }

        if (!report.DeleteApplied)
        {
            Report($"{report.Count} anonymous ref(s) would be removed (dry run, registry unchanged; set OmmxPruneDelete=true to apply):");
            foreach (var anonymous in report.Refs)
            {
                Report($"  {anonymous.ImageName}  ->  {anonymous.Ref.ManifestDigest}");
            }

            return true;
        }

        Report($"Removed {report.Count} anonymous ref(s); each line restores one:");
        foreach (var anonymous in report.Refs)
        {
            var restore = $"ommx restore-ref {ShellQuote.Quote(anonymous.ImageName)} {ShellQuote.Quote(anonymous.Ref.ManifestDigest)}"
                + (Root is null ? string.Empty : " --root " + ShellQuote.Quote(Root));
            Report($"  {anonymous.ImageName}: {restore}");
        }

        return true;
    }
}
