namespace Ommx.Integration.Tests.Architecture;

/// <summary>
/// The core's folders from the bottom up, each with the folders it may use directly (what those use, it may
/// use too). Everything else is "above" and must not be referenced: a folder that needs something from above
/// gets it handed in (an interface it defines, a delegate, a value), or the code that needs both moves up.
/// A new folder must be placed here, or <see cref="NamespaceLayeringTests"/> fails.
/// </summary>
internal static class CoreLayers
{
    public const string Root = "Ommx.Integration";

    public static readonly IReadOnlyList<CoreLayer> All =
    [
        // OmmxException and small stream helpers every folder may use.
        new(Root),
        // OCI primitives: digests, descriptors, manifests, image references, media types, canonical JSON.
        new("Ommx.Integration.Oci", Root),
        // The optimization model: Instance, Solution, SampleSet and their ommx.v1/v2 protobuf codecs.
        new("Ommx.Integration.Model", "Ommx.Integration.Oci"),
        // Solver adapters: call a solver on a Model.
        new("Ommx.Integration.Adapters", "Ommx.Integration.Model"),
        // The OMMX v3 Local Registry: blob store, SQLite index, refs, leases, GC engine, archives, maintenance.
        new("Ommx.Integration.Registry", "Ommx.Integration.Oci"),
        // Push and pull between a Local Registry and a remote OCI registry.
        new("Ommx.Integration.Distribution", "Ommx.Integration.Registry"),
        // The Experiment artifact's formats: MessagePack, config JSON, Run journal, payload layers, media types.
        // It encodes the API's plain data (listed) but never calls Experiment, Run or a view.
        new("Ommx.Integration.Experiments.Format", "Ommx.Integration.Registry", "Ommx.Integration.Model", "Ommx.Integration.Adapters")
        {
            Vocabulary = new HashSet<string>(StringComparer.Ordinal)
            {
                "Ommx.Integration.Experiments.Attachment",
                "Ommx.Integration.Experiments.ExperimentFormatException",
                "Ommx.Integration.Experiments.ExperimentStatus",
                "Ommx.Integration.Experiments.OpenRunInfo",
                "Ommx.Integration.Experiments.RunParameterFormatException",
                "Ommx.Integration.Experiments.RunParameterKind",
                "Ommx.Integration.Experiments.RunParameterTable",
                "Ommx.Integration.Experiments.RunParameterTypeException",
                "Ommx.Integration.Experiments.RunParameterValue",
                "Ommx.Integration.Experiments.RunRecord",
                "Ommx.Integration.Experiments.RunStatus",
                "Ommx.Integration.Experiments.SolveDiagnostics",
                "Ommx.Integration.Experiments.SolveRecord",
            },
        },
        // Experiment and Run, their views and statuses: what a user calls.
        new("Ommx.Integration.Experiments", "Ommx.Integration.Experiments.Format", "Ommx.Integration.Distribution"),
        // Two Experiments compared case by case: outcome moves and declared metrics (ommx diff, the regression gate).
        new("Ommx.Integration.Comparison", "Ommx.Integration.Experiments"),
        // What test frameworks and build tasks share: test sessions, settings, annotations (declared metrics included).
        new("Ommx.Integration.Testing", "Ommx.Integration.Comparison"),
        // What inspect shows of one ref: its manifest and, for an Experiment, the decoded Experiment.
        new("Ommx.Integration.Inspection", "Ommx.Integration.Experiments"),
        // ommx report: an Experiment as a report (header, Run table, failures, plots, baseline comparison) and its HTML and Markdown pages.
        new("Ommx.Integration.Reporting", "Ommx.Integration.Testing", "Ommx.Integration.Inspection"),
        // What follows a finished test run, for the MSBuild step and the xunit v3 test host controller alike: the baseline gate, the summary file, the report page, the push.
        new("Ommx.Integration.FollowUp", "Ommx.Integration.Reporting"),
        // The registry's check-up and repairs: it settles unfinished test sessions, so it sits on top.
        new("Ommx.Integration.Doctor", "Ommx.Integration.Testing"),
    ];

    /// <summary>The layer that owns <paramref name="ns"/> (the most specific one), or null when none does.</summary>
    public static CoreLayer? Of(string ns) =>
        All.Where(l => l.Owns(ns)).OrderByDescending(l => l.Namespace.Length).FirstOrDefault();

    /// <summary>The namespaces of every layer <paramref name="layer"/> may use, directly or through the layers it uses.</summary>
    public static IReadOnlySet<string> Reachable(CoreLayer layer)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { layer.Namespace };
        var pending = new Stack<string>(layer.MayUse);
        while (pending.TryPop(out var ns))
        {
            if (seen.Add(ns))
            {
                foreach (var next in All.Single(l => l.Namespace == ns).MayUse)
                {
                    pending.Push(next);
                }
            }
        }

        return seen;
    }
}
