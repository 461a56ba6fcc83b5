using Ommx.Integration.Doctor;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx doctor</c>: checks the SQLite index (<c>PRAGMA integrity_check</c>), re-hashes every blob
/// (<c>--quick</c> skips that), walks every ref's closure, compares the listing caches with the manifests,
/// and looks for writer temp files and draft checkpoints left behind. <c>--fix</c> repairs what can be
/// repaired without losing data and lists what it cannot. Exit 0 when healthy, 1 when problems remain.
/// </summary>
internal sealed class DoctorCommand
{
    private readonly CommandConsole console;

    public DoctorCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(DoctorCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            var staleAfter = CommandInput.Duration(options.StaleAfter);
            using var registry = RegistryDoctor.Open(options.Root, options.Fix);
            var report = RegistryDoctor.Run(registry, new DoctorOptions { Quick = options.Quick, Fix = options.Fix, StaleAfter = staleAfter });
            if (options.Json)
            {
                DoctorText.WriteJson(console.Out, report);
            }
            else
            {
                DoctorText.WriteHuman(console, report);
            }

            return report.Healthy ? ExitCode.Ok : ExitCode.Problems;
        });
    }
}
