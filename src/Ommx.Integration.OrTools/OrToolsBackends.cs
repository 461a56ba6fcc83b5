namespace Ommx.Integration.OrTools;

/// <summary>OR-Tools linear-solver backend ids this adapter knows (others are passed to OR-Tools as given).</summary>
public static class OrToolsBackends
{
    public const string Scip = "SCIP";
    public const string Cbc = "CBC";
    public const string Highs = "HIGHS";
    public const string Glop = "GLOP";
    public const string Clp = "CLP";
    public const string Pdlp = "PDLP";

    /// <summary>Backends that solve linear programs only: they would silently relax integer variables, so those are refused.</summary>
    public static bool IsLinearProgrammingOnly(string backend) =>
        backend.ToUpperInvariant() is Glop or Clp or Pdlp;
}
