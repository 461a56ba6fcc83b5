namespace Ommx.Integration.MSBuild.Tests.TestSupport;

/// <summary>End-to-end tests share one packed feed and run one at a time (each dotnet process already uses both cores).</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "end-to-end";
}
