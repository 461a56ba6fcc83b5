using System.CommandLine;
using Ommx.Integration.Tool;
using Ommx.Integration.Tool.Commands;

// Wires System.CommandLine to the command classes in Ommx.Integration.Tool.Commands (which render what the core services report).
var console = new CommandConsole(StandardStreams.Output, StandardStreams.Error, Terminal.Renderer());
var invocation = new InvocationConfiguration { Output = StandardStreams.Output, Error = StandardStreams.Error };
// A plain command named `ommx` (not RootCommand, which takes the name of the .dll) so usage lines say `ommx`.
var root = new Command("ommx", "ommx: inspect, share and clean the OMMX Local Registry (exit codes: 0 ok, 1 problems, 2 usage)")
{
    // Help is laid out for the width found without touching Console.WindowWidth (see TerminalSize).
    new System.CommandLine.Help.HelpOption { Action = new System.CommandLine.Help.HelpAction { MaxWidth = Terminal.Width() } }, new VersionOption(),
};
root.SetAction(_ => root.Parse(["--help"]).Invoke(invocation));
var rootOption = new Option<string?>("--root") { Description = "Local Registry root (default: $OMMX_LOCAL_REGISTRY_ROOT or the OS data directory)", Recursive = true };
var json = new Option<bool>("--json") { Description = "Print one machine-readable JSON document instead of text" };
var dryRun = new Option<bool>("--dry-run") { Description = "Only report (the default)" };
var delete = new Option<bool>("--delete") { Description = "Apply the deletion" };
var showDigests = new Option<bool>("--show-digests") { Description = "List each blob or ref digest" };
var image = new Argument<string>("image") { Description = "Image name, e.g. example.com/team/experiment:v1" };
root.Options.Add(rootOption);

var gracePeriod = new Option<string>("--grace-period") { Description = "Keep unreachable blobs younger than this (s, m, h or d)", DefaultValueFactory = _ => "24h" };
var gc = new Command("gc", "Report or delete blobs no ref reaches (dry run unless --delete)") { dryRun, delete, gracePeriod, showDigests, json };
gc.SetAction(p => (int)new GcCommand(console).Run(new GcCommandOptions
{
    Root = p.GetValue(rootOption), DryRun = p.GetValue(dryRun), Delete = p.GetValue(delete),
    GracePeriod = p.GetValue(gracePeriod)!, ShowDigests = p.GetValue(showDigests), Json = p.GetValue(json),
}));

var experimentsFlag = new Option<bool>("--experiments") { Description = "Also select anonymous Experiments" };
var olderThan = new Option<string?>("--older-than") { Description = "Only refs at least this old (s, m, h or d)" };
var prune = new Command("prune-anonymous", "Remove anonymous refs (dry run unless --delete); prints a rollback line per removed ref")
{
    dryRun, delete, experimentsFlag, olderThan, showDigests, json,
};
prune.SetAction(p => (int)new PruneAnonymousCommand(console).Run(new PruneAnonymousCommandOptions
{
    Root = p.GetValue(rootOption), DryRun = p.GetValue(dryRun), Delete = p.GetValue(delete), Experiments = p.GetValue(experimentsFlag),
    OlderThan = p.GetValue(olderThan), ShowDigests = p.GetValue(showDigests), Json = p.GetValue(json),
}));

var rm = new Command("rm", "Remove one ref (data stays until gc); prints the restore-ref line that undoes it") { image, json };
rm.SetAction(p => (int)new RmCommand(console).Run(new RmCommandOptions { Image = p.GetValue(image)!, Root = p.GetValue(rootOption), Json = p.GetValue(json) }));

var digest = new Argument<string>("manifest-digest") { Description = "sha256:<64 lower-case hex>" };
var restore = new Command("restore-ref", "Point a ref back at a manifest still in the store (never moves an existing ref)") { image, digest, json };
restore.SetAction(p => (int)new RestoreRefCommand(console).Run(new RestoreRefCommandOptions
{
    Image = p.GetValue(image)!, Digest = p.GetValue(digest)!, Root = p.GetValue(rootOption), Json = p.GetValue(json),
}));

var images = new Argument<string[]>("image") { Description = "One or more image names", Arity = ArgumentArity.OneOrMore };
var size = new Command("size", "Manifest JSON, config, and unique layer sizes of each image") { images, json };
size.SetAction(p => (int)new SizeCommand(console).Run(new SizeCommandOptions { Images = p.GetValue(images)!, Root = p.GetValue(rootOption), Json = p.GetValue(json) }));

var list = new Command("list", "Every ref as a canonical image name") { json };
list.SetAction(p => (int)new ListCommand(console).Run(new ListCommandOptions { Root = p.GetValue(rootOption), Json = p.GetValue(json) }));

var prefix = new Argument<string?>("prefix") { Description = "Only names starting with this text", Arity = ArgumentArity.ZeroOrOne };
var experiments = new Command("experiments", "Committed Experiments: status, runs, solves, updated, digest") { prefix, json };
experiments.SetAction(p => (int)new ExperimentsCommand(console).Run(new ExperimentsCommandOptions
{
    Prefix = p.GetValue(prefix), Root = p.GetValue(rootOption), Json = p.GetValue(json),
}));

var status = new Option<string[]>("--status") { Description = "draft, failed or interrupted (repeatable)", AllowMultipleArgumentsPerToken = false };
var checkpoints = new Command("checkpoints", "Draft, failed and interrupted Experiment checkpoints") { prefix, status, json };
checkpoints.SetAction(p => (int)new CheckpointsCommand(console).Run(new CheckpointsCommandOptions
{
    Prefix = p.GetValue(prefix), Statuses = p.GetValue(status) ?? [], Root = p.GetValue(rootOption), Json = p.GetValue(json),
}));

var run = new Option<ulong?>("--run") { Description = "Show one Run with its Solves" };
var columns = new Option<string?>("--columns") { Description = "Only these run-parameter columns, comma-separated, e.g. test.method,capacity (default: as many as fit the width)" };
var inspect = new Command("inspect", "One Experiment (status, annotations, attachments, run parameters) or artifact") { image, run, columns, json };
inspect.SetAction(p => (int)new InspectCommand(console).Run(new InspectCommandOptions
{
    Image = p.GetValue(image)!, Run = p.GetValue(run), Root = p.GetValue(rootOption), Json = p.GetValue(json),
    Columns = p.GetValue(columns)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
    Width = Terminal.Width(),
}));

var attachmentName = new Argument<string>("attachment") { Description = "Attachment name, e.g. output.txt, stack-trace.txt (listed by `ommx inspect`)" };
var catRun = new Option<ulong?>("--run") { Description = "Read the attachment of this Run instead of the Experiment's own" };
var cat = new Command("cat", "Write one attachment's bytes (of an Experiment, or of a Run with --run) to standard output") { image, attachmentName, catRun };
cat.SetAction(p =>
{
    using var stdout = StandardStreams.OpenOutput();
    return (int)new CatCommand(console, stdout).Run(new CatCommandOptions
    {
        Image = p.GetValue(image)!, Attachment = p.GetValue(attachmentName)!, Run = p.GetValue(catRun), Root = p.GetValue(rootOption),
    });
});

var output = new Argument<string>("output") { Description = "The .ommx file to create (must not exist)" };
var export = new Command("export", "Write one ref as a .ommx archive") { image, output, json };
export.SetAction(p => (int)new ExportCommand(console).Run(new ExportCommandOptions
{
    Image = p.GetValue(image)!, Output = p.GetValue(output)!, Root = p.GetValue(rootOption), Json = p.GetValue(json),
}));

var paths = new Argument<string[]>("path") { Description = ".ommx archives, OCI image-layout directories, or folders of .ommx files", Arity = ArgumentArity.OneOrMore };
var verbose = new Option<bool>("--verbose") { Description = "List every imported image" };
var import = new Command("import", "Import archives and OCI directories; reports what was refused and why") { paths, verbose, json };
import.SetAction(p => (int)new ImportCommand(console).Run(new ImportCommandOptions
{
    Paths = p.GetValue(paths)!, Verbose = p.GetValue(verbose), Root = p.GetValue(rootOption), Json = p.GetValue(json),
}));

var quick = new Option<bool>("--quick") { Description = "Skip re-hashing blobs" };
var fix = new Option<bool>("--fix") { Description = "Repair what can be repaired without losing data" };
var staleAfter = new Option<string>("--stale-after") { Description = "Temp files and draft checkpoints older than this are stale", DefaultValueFactory = _ => "24h" };
var doctor = new Command("doctor", "Check blobs, ref closures, the SQLite index and listing caches (exit 1 when problems remain)") { quick, fix, staleAfter, json };
doctor.SetAction(p => (int)new DoctorCommand(console).Run(new DoctorCommandOptions
{
    Root = p.GetValue(rootOption), Quick = p.GetValue(quick), Fix = p.GetValue(fix), StaleAfter = p.GetValue(staleAfter)!, Json = p.GetValue(json),
}));

var insecure = new Option<bool>("--insecure") { Description = "Allow plain HTTP to a registry that is not on loopback (loopback hosts always use HTTP)" };
var push = new Command("push", "Send one image to its OCI registry (only missing blobs; credentials from OMMX_BASIC_AUTH_* or ~/.docker/config.json)") { image, insecure, json };
push.SetAction(p => (int)new PushCommand(console).Run(new TransferOptions
{
    Image = p.GetValue(image)!, Insecure = p.GetValue(insecure), Root = p.GetValue(rootOption), Json = p.GetValue(json),
}));
var pull = new Command("pull", "Fetch one image (tag or digest) from its OCI registry, verifying every blob") { image, insecure, json };
pull.SetAction(p => (int)new PullCommand(console).Run(new TransferOptions
{
    Image = p.GetValue(image)!, Insecure = p.GetValue(insecure), Root = p.GetValue(rootOption), Json = p.GetValue(json),
}));

var baseImage = new Argument<string>("base") { Description = "The Experiment to compare against (pulled when not local)" };
var headImage = new Argument<string>("head") { Description = "The Experiment to judge (pulled when not local)" };
var metric = new Option<string[]>("--metric") { Description = "name:maximize|minimize[:tolerance[:relative tolerance]], overriding the recorded OmmxMetric declarations (repeatable)" };
var failOnRegression = new Option<bool>("--fail-on-regression") { Description = "Exit 1 when a test case broke or a metric regressed" };
var markdown = new Option<bool>("--markdown") { Description = "Print Markdown (for a pull-request comment or a CI job summary)" };
var diff = new Command("diff", "What changed between two Experiments: broken and fixed tests, regressed and improved metrics")
{
    baseImage, headImage, metric, failOnRegression, insecure, markdown, json,
};
diff.SetAction(p => (int)new DiffCommand(console).Run(new DiffCommandOptions
{
    Base = p.GetValue(baseImage)!, Head = p.GetValue(headImage)!, Metrics = p.GetValue(metric) ?? [], FailOnRegression = p.GetValue(failOnRegression),
    Insecure = p.GetValue(insecure), Markdown = p.GetValue(markdown), Json = p.GetValue(json), Root = p.GetValue(rootOption),
}));

var repository = new Argument<string>("repository") { Description = "Repository, e.g. example.com/team/knapsack (a tag, if given, is ignored)" };
var limit = new Option<int>("--limit") { Description = "How many of the newest Experiments to follow", DefaultValueFactory = _ => 20 };
var all = new Option<bool>("--all") { Description = "List every test case, not only those that failed, changed or are flaky" };
var remote = new Option<bool>("--remote") { Description = "Also list the tags of the OCI registry the repository lives in and pull those Experiments first (newest --limit recorded tags, and up to --limit other tags)" };
var history = new Command("history", "A repository's newest Experiments and each test case across them: outcomes, first failure, flaky cases, metric trends")
{
    repository, limit, all, remote, insecure, json,
};
history.SetAction(p => (int)new HistoryCommand(console).Run(new HistoryCommandOptions
{
    Repository = p.GetValue(repository)!, Limit = p.GetValue(limit), All = p.GetValue(all), Remote = p.GetValue(remote), Insecure = p.GetValue(insecure),
    Json = p.GetValue(json), Root = p.GetValue(rootOption),
}));

var reportOutput = new Option<string?>("--output", "-o") { Description = "The file to write, - for standard output (default: report.html; Markdown: standard output)" };
var reportBaseline = new Option<string?>("--baseline") { Description = "An Experiment to compare with (pulled when not local): broke, fixed and regressed cases, metric overlays" };
var reportFormat = new Option<string>("--format") { Description = "html (one self-contained page) or markdown (compact, for a CI job summary)", DefaultValueFactory = _ => "html" };
reportFormat.AcceptOnlyFromAmong("html", "markdown");
var report = new Command("report", "One Experiment or checkpoint as a self-contained HTML page (table, plots, failures) or compact Markdown")
{
    image, reportOutput, reportBaseline, reportFormat, insecure,
};
report.SetAction(p => (int)new ReportCommand(console).Run(new ReportCommandOptions
{
    Image = p.GetValue(image)!, Output = p.GetValue(reportOutput), Baseline = p.GetValue(reportBaseline), Format = p.GetValue(reportFormat)!,
    Insecure = p.GetValue(insecure), Root = p.GetValue(rootOption),
}));

foreach (var command in new[] { gc, prune, rm, restore, size, list, experiments, checkpoints, inspect, cat, diff, history, report, export, import, push, pull, doctor })
{
    root.Subcommands.Add(command);
}

var parsed = root.Parse(args);
var usageErrors = UsageErrors.Of(parsed);
if (usageErrors.Count > 0)
{
    foreach (var error in usageErrors)
    {
        StandardStreams.Error.WriteLine("Error: " + error);
    }

    StandardStreams.Error.WriteLine($"Run `{UsageErrors.CommandPath(parsed.CommandResult)} --help` for usage.");
    return (int)ExitCode.Usage;
}

return parsed.Invoke(invocation);
