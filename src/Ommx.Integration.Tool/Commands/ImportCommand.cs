using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Archives;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx import</c>: imports many archives and OCI directories in one registry session, each on its own
/// (a refused source leaves nothing behind and does not stop the others), then prints what was imported,
/// what was already there and what was refused and why. Exit 1 when anything was refused.
/// </summary>
internal sealed class ImportCommand
{
    private readonly CommandConsole console;

    public ImportCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(ImportCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            if (options.Paths.Count == 0)
            {
                throw new CommandUsageException("import needs at least one file or directory");
            }

            var sources = ImportSources.Expand(options.Paths);
            using var registry = LocalRegistry.Open(options.Root);
            var outcomes = new List<ImportOutcome>(sources.Count);
            using (var progress = console.Renderer.BeginProgress("Importing", sources.Count))
            {
                foreach (var source in sources)
                {
                    outcomes.Add(ImportOne(registry, source));
                    progress.Advance(source.Path);
                }
            }

            if (options.Json)
            {
                ImportReport.WriteJson(console.Out, outcomes);
            }
            else
            {
                ImportReport.WriteHuman(console, outcomes, options.Verbose);
            }

            return outcomes.Any(o => o.Error is not null) ? ExitCode.Problems : ExitCode.Ok;
        });
    }

    private static ImportOutcome ImportOne(LocalRegistry registry, ImportSource source)
    {
        if (source.Problem is not null)
        {
            return new ImportOutcome(source.Path, null, source.Problem);
        }

        try
        {
            var result = source.IsDirectory
                ? OciDirectoryImporter.Import(registry, source.Path)
                : OciArchiveImporter.Import(registry, source.Path);
            return new ImportOutcome(source.Path, result, null);
        }
        catch (Exception e) when (StorageErrors.IsStorageError(e))
        {
            return new ImportOutcome(source.Path, null, e.Message);
        }
    }
}
