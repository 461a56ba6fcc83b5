namespace Ommx.Integration.Registry.Maintenance;

/// <summary>An anonymous artifact or Experiment ref that prune-anonymous selected or removed.</summary>
internal sealed record AnonymousRef(RegistryRef Ref)
{
    /// <summary><c>experiment</c> for <c>…ommx.local/experiment</c> refs, else <c>artifact</c>.</summary>
    public string Kind => Ref.Name.EndsWith(".ommx.local/experiment", StringComparison.Ordinal) ? "experiment" : "artifact";

    public string ImageName => $"{Ref.Name}:{Ref.Reference}";
}
