namespace Ommx.Integration.Tests.Registry.FaultInjection;

/// <summary>Keeps the fault-injection tests from running beside the other process-heavy tests (two cores).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultInjectionCollection
{
    public const string Name = "Fault injection";
}
