namespace Ommx.Integration.Experiments;

/// <summary>How a Run, Solve or Sampling closed.</summary>
public enum RunStatus
{
    Finished,
    Failed,
    Interrupted,
}
