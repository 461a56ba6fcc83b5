namespace Ommx.Integration.Experiments;

/// <summary>An Experiment's lifecycle: committed (<c>finished</c>) or one of the checkpoint kinds.</summary>
public enum ExperimentStatus
{
    Finished,
    Draft,
    Failed,
    Interrupted,
}
