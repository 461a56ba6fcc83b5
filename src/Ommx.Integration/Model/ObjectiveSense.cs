namespace Ommx.Integration.Model;

/// <summary>Whether the objective is minimized or maximized. Values match the OMMX wire enum.</summary>
public enum ObjectiveSense
{
    /// <summary>Not stated (allowed in a Solution or SampleSet; an Instance reads it as <see cref="Minimize"/>).</summary>
    Unspecified = 0,

    Minimize = 1,

    Maximize = 2,
}
