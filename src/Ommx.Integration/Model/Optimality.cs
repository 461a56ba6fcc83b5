namespace Ommx.Integration.Model;

/// <summary>Whether a solver proved a Solution optimal. Values match the OMMX wire enum.</summary>
public enum Optimality
{
    /// <summary>Not known (what evaluation produces).</summary>
    Unspecified = 0,

    Optimal = 1,

    NotOptimal = 2,
}
