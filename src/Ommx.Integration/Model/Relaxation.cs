namespace Ommx.Integration.Model;

/// <summary>Whether a Solution comes from a relaxation. Values match the OMMX wire enum.</summary>
public enum Relaxation
{
    /// <summary>Not relaxed, or not known.</summary>
    Unspecified = 0,

    /// <summary>The solution of the LP relaxation.</summary>
    LpRelaxed = 1,
}
