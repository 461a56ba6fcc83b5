using Ommx.Integration.Commands;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.MSBuild;

/// <summary>
/// <c>dotnet build -t:OmmxGc</c>: settles stale test sessions (they become interrupted checkpoints, never
/// dropped), then prints OMMX's GC report; deletes only with <see cref="Delete"/>.
/// </summary>
public sealed class OmmxGc : OmmxTask
{
    public bool Delete { get; set; }

    /// <summary>OMMX duration text; default 24h.</summary>
    public string? GracePeriod { get; set; }

    public bool ShowDigests { get; set; }

    protected override string ErrorCode => ErrorCodes.GcFailed;

    protected override bool Run()
    {
        // Recovery writes checkpoints: the root must exist and be a Local Registry (a mistyped root is an error, never created).
        using (var registry = LocalRegistry.Open(Root, RegistryAccess.Delete))
        {
            foreach (var stale in new TestRunSessions(registry).RecoverStale())
            {
                LogWarning(ErrorCodes.StaleSession, stale.Headline);
            }
        }

        var exit = new GcCommand(CommandConsole(ErrorCode)).Run(new GcCommandOptions
        {
            Root = Root,
            Delete = Delete,
            DryRun = !Delete,
            GracePeriod = string.IsNullOrWhiteSpace(GracePeriod) ? "24h" : GracePeriod,
            ShowDigests = ShowDigests,
        });
        return exit == ExitCode.Ok;
    }
}
