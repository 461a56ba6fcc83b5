namespace Ommx.Integration.Testing.Sessions;

/// <summary>What repairing an unfinished session did.</summary>
internal enum TestRunRepairAction
{
    /// <summary>Its whole recording became an interrupted checkpoint.</summary>
    Recovered,

    /// <summary>The readable part of a damaged recording became an interrupted checkpoint; the losses are listed.</summary>
    Salvaged,

    /// <summary>Nothing could be saved: its files were removed (and listed).</summary>
    Removed,
}
