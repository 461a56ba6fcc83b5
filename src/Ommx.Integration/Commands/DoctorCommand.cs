using Ommx.Integration.Registry;

namespace Ommx.Integration.Commands;

/// <summary>
/// <c>ommx doctor</c>: checks the SQLite index (<c>PRAGMA integrity_check</c>), re-hashes every blob
/// (<c>--quick</c> skips that), walks every ref's closure, compares the listing caches with the manifests,
/// and looks for writer temp files and draft checkpoints left behind. <c>--fix</c> repairs what can be
/// repaired without losing data and lists what it cannot. Exit 0 when healthy, 1 when problems remain.
/// </summary>
public sealed class DoctorCommand
{
    private readonly CommandConsole console;

    public DoctorCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(DoctorCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            var staleAfter = CommandInput.Duration(options.StaleAfter);
            using var registry = OpenForDoctor(options);
            var scan = new DoctorScan();
            var fix = options.Fix && registry.RootProblem is null;
            if (registry.RootProblem is { } rootProblem)
            {
                scan.Problems.Add(new DoctorProblem(DoctorProblemKind.NotALocalRegistry, registry.Root, rootProblem)
                {
                    Hint = "no command deletes anything here until the index is restored; --fix changes nothing",
                });
            }

            DoctorChecks.IndexIntegrity(registry, scan);
            var blobs = BlobScan.Run(registry.Blobs);
            var corrupt = DoctorChecks.Blobs(registry, blobs, options.Quick, scan);
            DoctorChecks.Closures(registry, blobs, corrupt, scan);
            DoctorChecks.Caches(registry, fix, scan);
            DoctorChecks.Sessions(registry, scan);
            DoctorChecks.Leases(registry, scan);
            DoctorChecks.StaleDrafts(registry, staleAfter, scan);
            DoctorChecks.FileNames(blobs, staleAfter, scan);
            if (fix)
            {
                DoctorFixes.Apply(registry, scan);
            }

            if (options.Json)
            {
                DoctorReport.WriteJson(console.Out, registry.Root, options, scan);
            }
            else
            {
                DoctorReport.WriteHuman(console, registry.Root, options, scan);
            }

            return scan.Problems.Any(p => !p.Fixed) ? ExitCode.Problems : ExitCode.Ok;
        });
    }

    /// <summary>Read-only without <c>--fix</c>; with it, writable unless the root is not a Local Registry (then only reported).</summary>
    private static LocalRegistry OpenForDoctor(DoctorCommandOptions options)
    {
        if (!options.Fix)
        {
            return LocalRegistry.OpenForDiagnosis(options.Root);
        }

        try
        {
            return LocalRegistry.Open(options.Root, RegistryAccess.Delete);
        }
        catch (NotALocalRegistryException)
        {
            return LocalRegistry.OpenForDiagnosis(options.Root);
        }
    }
}
