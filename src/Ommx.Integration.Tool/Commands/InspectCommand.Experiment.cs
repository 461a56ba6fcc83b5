using System.Globalization;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Inspection;
using Ommx.Integration.Model;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Commands;

internal sealed partial class InspectCommand
{
    private void WriteExperiment(ArtifactView view, LoadedExperiment experiment, InspectCommandOptions options)
    {
        var content = experiment.Content;
        WriteHeader(view);
        console.Status("Status", StatusWithReason(StatusText.Of(experiment.Status), experiment.Reason));
        if (experiment.RequestedName is { } requested)
        {
            console.Status("Requested", requested.ToString());
        }

        var solves = content.Runs.Values.Sum(r => r.Solves.Count);
        var samplings = content.Runs.Values.Sum(r => r.Samplings.Count);
        console.Status("Runs", $"{content.Runs.Count} run(s), {solves} solve(s), {samplings} sampling(s)");
        WriteAnnotations(content.Annotations);
        WriteAttachments(content.Attachments);
        WriteParameters(content.Runs.Values, options);
    }

    /// <summary>The run-parameter grid, cut to the width with a note naming what was left out.</summary>
    private void WriteParameters(IReadOnlyCollection<RunRecord> runs, InspectCommandOptions options)
    {
        const int indent = 2;
        var grid = RunParameterGrid.Build(runs, options.Width, indent, options.Columns);
        var total = grid.Shown.Count + grid.Omitted.Count;
        var columns = options.Columns is not null ? $"{grid.Shown.Count} chosen of {RunParameterGrid.ColumnOrder(runs).Count}"
            : grid.Omitted.Count > 0 ? $"{total} column(s), {grid.Shown.Count} shown"
            : $"{total} column(s)";
        console.Status("Parameters", columns);
        if (runs.Count == 0)
        {
            return;
        }

        console.Table(CommandTable.FromPreformatted(string.Join('\n', grid.Lines.Select(line => new string(' ', indent) + line))));
        if (grid.HasMissing)
        {
            console.Detail($"({RunParameterGrid.Missing} = not logged in that Run; NaN = a logged NaN)");
        }

        if (grid.Omitted.Count > 0)
        {
            console.Detail(FitNames($"{grid.Omitted.Count} more column(s) not shown: ", grid.Omitted, options.Width - indent));
            console.Detail("choose: --columns a,b,c; one Run: --run <id>; all: --json");
        }
    }

    /// <summary><paramref name="prefix"/> and as many names as fit in <paramref name="width"/>, then <c>…</c>.</summary>
    private static string FitNames(string prefix, IReadOnlyList<string> names, int width)
    {
        var text = new System.Text.StringBuilder(prefix);
        for (var i = 0; i < names.Count; i++)
        {
            var next = (i == 0 ? string.Empty : ", ") + names[i];
            var tail = i == names.Count - 1 ? 0 : 3;
            if (CommandTable.TextWidth(text.ToString()) + CommandTable.TextWidth(next) + tail > width)
            {
                return text.Append(i == 0 ? "…" : ", …").ToString();
            }

            text.Append(next);
        }

        return text.ToString();
    }

    private void WriteRun(ArtifactView view, RunRecord run)
    {
        console.Status("Image", view.Image.ToString());
        console.Status("Digest", view.Stored.Digest.ToString());
        console.Status("Run", run.Id.ToString(CultureInfo.InvariantCulture));
        console.Status("Status", StatusWithReason(StatusText.Of(run.Status), run.Reason));
        console.Status("Parameters", ListingText.Count(run.Parameters.Count));
        if (run.Parameters.Count > 0)
        {
            var parameters = new CommandTable(("NAME", ColumnAlignment.Left), ("TYPE", ColumnAlignment.Left), ("VALUE", ColumnAlignment.Left)) { Indent = 2 };
            foreach (var (name, value) in run.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                parameters.Add(name, RunParameterValue.TypeName(value.Kind), value.ToString());
            }

            console.Table(parameters);
        }

        WriteAttachments(run.Attachments);
        console.Status("Solves", ListingText.Count(run.Solves.Count));
        if (run.Solves.Count > 0)
        {
            var solves = new CommandTable(
                ("ID", ColumnAlignment.Right),
                ("STATUS", ColumnAlignment.Left),
                ("ADAPTER", ColumnAlignment.Left),
                ("OBJECTIVE", ColumnAlignment.Right),
                ("FEASIBLE", ColumnAlignment.Left),
                ("OPTIONS", ColumnAlignment.Left)) { Indent = 2 };
            foreach (var solve in run.Solves)
            {
                var summary = view.Summarize(solve);
                solves.Add(solve.Id.ToString(CultureInfo.InvariantCulture), StatusText.Of(solve.Status), solve.Adapter,
                    summary is null ? "-" : summary.Objective.ToString(CultureInfo.InvariantCulture),
                    summary is null ? "-" : Feasibility(summary), solve.AdapterOptions);
            }

            console.Table(solves);
        }

        if (run.Samplings.Count > 0)
        {
            console.Status("Samplings", ListingText.Count(run.Samplings.Count));
            var samplings = new CommandTable(("ID", ColumnAlignment.Right), ("STATUS", ColumnAlignment.Left), ("ADAPTER", ColumnAlignment.Left), ("OPTIONS", ColumnAlignment.Left)) { Indent = 2 };
            foreach (var sampling in run.Samplings)
            {
                samplings.Add(sampling.Id.ToString(CultureInfo.InvariantCulture), StatusText.Of(sampling.Status), sampling.Adapter, sampling.AdapterOptions);
            }

            console.Table(samplings);
        }
    }

    internal static string Feasibility(SolutionSummary summary)
    {
        var text = summary.Feasible ? "yes" : "no";
        return summary.FeasibleRelaxed is { } relaxed && relaxed != summary.Feasible
            ? $"{text} (relaxed: {(relaxed ? "yes" : "no")})"
            : text;
    }
}
