using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;

namespace Ommx.Integration.Testing;

/// <summary>What a finished test session recorded.</summary>
internal sealed record TestSessionSummary(string ImageName, ExperimentStatus? Status, string? ManifestDigest, int Runs, int Failed, int RecordingErrors)
{
    /// <summary>The moving alias now pointing at the result (<c>…:latest</c> or <c>…:latest-failed</c>), as the build step moves it.</summary>
    public string? Alias { get; init; }

    /// <summary>Runs carried over from a resumed checkpoint (included in <see cref="Runs"/> once the host finished the Experiment).</summary>
    public int Carried { get; init; }

    /// <summary>The checkpoint the run resumed (its requested name), or <c>null</c>.</summary>
    public string? ResumedFrom { get; init; }

    /// <summary>One line for a console: <c>OMMX: committed &lt;image&gt; (&lt;n&gt; runs) &lt;digest&gt;</c> or the checkpoint equivalent.</summary>
    public override string ToString() => Status switch
    {
        ExperimentStatus.Finished => $"OMMX: committed {ImageName} ({Runs} runs{ResumeText}) {ManifestDigest}{AliasText}",
        ExperimentStatus.Failed => $"OMMX: {Failed} test(s) failed; failed checkpoint for {ImageName} ({Runs} runs{ResumeText}) {ManifestDigest}{AliasText}",
        null => $"OMMX: recorded {Runs} runs of {ImageName}{ResumeText}; the build step commits them",
        _ => $"OMMX: {StatusText.Of(Status.Value)} checkpoint for {ImageName} ({Runs} runs{ResumeText}) {ManifestDigest}{AliasText}",
    };

    private string ResumeText => ResumedFrom is null ? string.Empty : $"; resumed {ResumedFrom}: {Carried} carried, {(Status is null ? Runs : Runs - Carried)} ran";

    private string AliasText => Alias is null ? string.Empty : $"; {Alias} points to it";
}
