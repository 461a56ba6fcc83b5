using System.Globalization;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Commands;

public sealed partial class InspectCommand
{
    private void WriteExperiment(InspectView view, LoadedExperiment experiment)
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
        var table = RunParameterTable.FromRuns(content.Runs.Values.Select(r => (r.Id, (IReadOnlyDictionary<string, RunParameterValue>)r.Parameters)));
        console.Status("Parameters", $"{table.ColumnNames.Count} column(s)");
        console.Table(CommandTable.FromPreformatted(table.Render(content.Runs.Keys)));
    }

    private void WriteRun(InspectView view, RunRecord run)
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
