namespace Ommx.Integration.Registry;

/// <summary>What a publish, replace or restore did to a ref.</summary>
public enum PublishOutcome
{
    Inserted,
    Unchanged,
    Replaced,
    Conflicted,
}
