using System.Globalization;
using Ommx.Integration.Distribution;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Reporting;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx report</c>: one Experiment (committed, or the failed or interrupted checkpoint recorded under that name) as
/// a self-contained HTML page — header, sortable and filterable Run table, plots, failures — or as compact Markdown.
/// With <c>--baseline</c> the comparison is included. Images that are not local are pulled, as <c>ommx diff</c> does.
/// </summary>
internal sealed class ReportCommand
{
    public const string DefaultHtmlFile = "report.html";
    private readonly CommandConsole console;
    private readonly List<string> notes = [];

    public ReportCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(ReportCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            var markdown = options.Format switch
            {
                "html" => false,
                "markdown" => true,
                _ => throw new CommandUsageException($"--format {options.Format}: expected html or markdown"),
            };
            var image = CommandInput.Image(options.Image);
            var baselineImage = options.Baseline is null ? null : CommandInput.Image(options.Baseline);
            var output = options.Output ?? (markdown ? "-" : DefaultHtmlFile);
            ExperimentReport report;
            using (var registry = Open(options.Root, image, baselineImage))
            {
                var load = new ExperimentLoadOptions { Remote = new RemoteOptions { Insecure = options.Insecure } };
                using var experiment = Load(registry, image, load);
                using var baseline = baselineImage is null ? null : Load(registry, baselineImage, load);
                report = ExperimentReporter.Build(experiment, new ReportOptions { Baseline = baseline });
            }

            var text = markdown ? ReportMarkdown.Format(report) : ReportHtml.Render(report);
            if (output == "-")
            {
                console.Out.Write(text);
                notes.ForEach(n => console.Error.WriteLine("note: " + n));
                return ExitCode.Ok;
            }

            string written;
            try
            {
                written = ReportFile.Write(output, text);
            }
            catch (Exception e) when (StorageErrors.IsFileError(e) || e is ArgumentException or NotSupportedException)
            {
                throw new OmmxException($"cannot write the report to {output}: {e.Message}. Choose another file with -o <path>, or -o - for standard output.", e);
            }

            var h = report.Header;
            console.Status("Report", written, StatusTone.Good);
            console.Status("Experiment", $"{h.ImageName} ({h.Status})");
            notes.ForEach(n => console.Status("Note", n));
            console.Status("Contents", string.Create(CultureInfo.InvariantCulture,
                $"{h.RunCount:N0} run(s), {report.Failures.Count:N0} failure(s), {report.Plots.Count} plot(s), {new FileInfo(written).Length / 1024.0:N0} KiB"));
            return ExitCode.Ok;
        });
    }

    /// <summary>Read-only when every image is local (nothing is created); otherwise the pull writes.</summary>
    private static LocalRegistry Open(string? root, ImageReference image, ImageReference? baseline)
    {
        var registry = LocalRegistry.Open(root, RegistryAccess.Read);
        if (ReportFile.ResolveLocal(registry, image) is not null && (baseline is null || ReportFile.ResolveLocal(registry, baseline) is not null))
        {
            return registry;
        }

        registry.Dispose();
        return LocalRegistry.Open(root, RegistryAccess.Write);
    }

    /// <summary>The Experiment under <paramref name="image"/>, its checkpoint when only that is stored, else pulled.</summary>
    private Experiment Load(LocalRegistry registry, ImageReference image, ExperimentLoadOptions load)
    {
        var local = ReportFile.ResolveLocal(registry, image);
        if (local is not null && ReportFile.ArtifactTypeOf(registry, local) is var type && type != MediaTypes.OmmxExperiment)
        {
            throw new OmmxException($"{image} is not an Experiment (artifact type {(type.Length == 0 ? "none" : type)}); `ommx inspect {image}` shows what it holds, `ommx experiments` lists the Experiments");
        }

        if (local is not null && !local.Equals(image))
        {
            notes.Add($"{image} has no commit; reported its checkpoint {local}");
        }

        return Experiment.Load(registry, (local ?? image).ToString(), load);
    }
}
