namespace Ommx.Integration.Tests.Model;

/// <summary>Tests that change process environment variables run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}
