using Ommx.Integration.Experiments;

namespace Ommx.Integration.Experiments.Format;

/// <summary>The lower-case status strings of the config JSON.</summary>
internal static class StatusText
{
    public static string Of(ExperimentStatus status) => status switch
    {
        ExperimentStatus.Finished => "finished",
        ExperimentStatus.Draft => "draft",
        ExperimentStatus.Failed => "failed",
        ExperimentStatus.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Finished => "finished",
        RunStatus.Failed => "failed",
        RunStatus.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static ExperimentStatus ParseExperiment(string text) => text switch
    {
        "finished" => ExperimentStatus.Finished,
        "draft" => ExperimentStatus.Draft,
        "failed" => ExperimentStatus.Failed,
        "interrupted" => ExperimentStatus.Interrupted,
        _ => throw new ExperimentFormatException($"unknown Experiment status {text}"),
    };

    public static RunStatus ParseRun(string text, string what) => text switch
    {
        "finished" => RunStatus.Finished,
        "failed" => RunStatus.Failed,
        "interrupted" => RunStatus.Interrupted,
        _ => throw new ExperimentFormatException($"unknown {what} status {text}"),
    };
}
