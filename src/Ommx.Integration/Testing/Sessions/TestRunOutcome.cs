namespace Ommx.Integration.Testing.Sessions;

/// <summary>How a test session ended, and the line the build prints for it.</summary>
internal sealed record TestRunOutcome
{
    public required TestRunOutcomeKind Kind { get; init; }

    public required string SessionId { get; init; }

    /// <summary>The Experiment's requested image name.</summary>
    public required string ImageName { get; init; }

    /// <summary>The manifest published: the committed Experiment or the checkpoint.</summary>
    public string? ManifestDigest { get; init; }

    /// <summary>The internal checkpoint ref holding a failed or interrupted run.</summary>
    public string? CheckpointName { get; init; }

    /// <summary>The moving alias that now points at this result (for example <c>…:latest</c>).</summary>
    public string? Alias { get; init; }

    /// <summary>Every Run of the result, carried ones included.</summary>
    public int Runs { get; init; }

    /// <summary>Runs carried over unchanged from the checkpoint this run resumed.</summary>
    public int Carried { get; init; }

    /// <summary>The checkpoint this run resumed (the name it was recorded under), or <c>null</c>.</summary>
    public string? ResumedFrom { get; init; }

    public string? Reason { get; init; }

    /// <summary>The registry root, for the hints' commands (omitted from them when it is the default root).</summary>
    public string? RegistryRoot { get; init; }

    /// <summary>A failed or interrupted checkpoint of an earlier run of this name that this one displaced, kept under this name.</summary>
    public string? PreservedCheckpoint { get; init; }

    /// <summary>Published from the artifact the test host prepared at its end, without replaying the journal.</summary>
    public bool FromPreparedArtifact { get; init; }

    /// <summary>Storage errors the test host reported (its tests ran on regardless).</summary>
    public int RecordingErrors { get; init; }

    /// <summary>The first line, for example <c>OMMX: committed &lt;image&gt; (6 runs) sha256:…</c>.</summary>
    public string Headline => Kind switch
    {
        TestRunOutcomeKind.Committed => $"OMMX: committed {ImageName} ({Runs} runs{ResumeText}) {ManifestDigest}",
        TestRunOutcomeKind.FailedCheckpoint => $"OMMX: tests failed, {ImageName} not committed; failed checkpoint ({Runs} runs{ResumeText}) {ManifestDigest}: {Reason}",
        TestRunOutcomeKind.InterruptedCheckpoint => $"OMMX: interrupted checkpoint for {ImageName} ({Runs} runs{ResumeText}) {ManifestDigest}: {Reason}",
        _ => $"OMMX: nothing recorded for {ImageName}: {Reason}",
    };

    private string ResumeText => ResumedFrom is null ? string.Empty : $"; resumed {ResumedFrom}: {Carried} carried, {Runs - Carried} ran";

    /// <summary>Follow-up lines: how to inspect or restore a checkpoint, each a command or complete code a user can run.</summary>
    public IReadOnlyList<string> Hints
    {
        get
        {
            var hints = new List<string>();
            switch (Kind)
            {
                case TestRunOutcomeKind.FailedCheckpoint or TestRunOutcomeKind.InterruptedCheckpoint:
                    hints.Add($"  inspect: {Command("inspect", Alias ?? CheckpointName!)}");
                    hints.Add($"  list:    {Command("checkpoints", Oci.ImageReference.Parse(ImageName).RepositoryKey)}");
                    hints.Add($"  resume:  {Resume.ResumePlanner.Command(null)} (runs only the test cases that did not pass)");
                    hints.Add($"  restore: using var registry = Ommx.Integration.Registry.LocalRegistry.Open({CSharpString(RegistryRoot)}); "
                        + $"using var experiment = Ommx.Integration.Experiments.Experiment.RestoreFromCheckpoint(registry, {CSharpString(ImageName)});");
                    break;
                case TestRunOutcomeKind.Committed when Alias is not null:
                    hints.Add($"  inspect: {Command("inspect", Alias)}");
                    break;
            }

            if (PreservedCheckpoint is not null)
            {
                hints.Add($"  kept:    the earlier checkpoint of {ImageName} this run replaced is {PreservedCheckpoint} ({Command("inspect", PreservedCheckpoint)})");
            }

            return hints;
        }
    }

    private string Command(string verb, string argument)
    {
        var text = $"ommx {verb} {ShellWord(argument)}";
        return RegistryRoot is null || RegistryRoot == Registry.LocalRegistryRoot.Resolve() ? text : text + " --root " + ShellWord(RegistryRoot);
    }

    /// <summary>The word as is when a POSIX shell takes it literally (image names always are), else single-quoted.</summary>
    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "._/:@+=,-".Contains(c, StringComparison.Ordinal)) ? word : Oci.ShellQuote.Quote(word);

    /// <summary>A C# string literal (verbatim, so a Windows path needs no escaping); <c>null</c> for no root (the default).</summary>
    private static string CSharpString(string? value) => value is null ? "null" : "@\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
