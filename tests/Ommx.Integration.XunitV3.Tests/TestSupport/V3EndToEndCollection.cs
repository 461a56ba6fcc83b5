namespace Ommx.Integration.XunitV3.Tests.TestSupport;

/// <summary>End-to-end tests share one packed feed and run one at a time (each dotnet process already uses both cores).</summary>
[CollectionDefinition(Name)]
public sealed class V3EndToEndCollection : ICollectionFixture<V3PackedFeed>
{
    public const string Name = "xunit-v3-end-to-end";
}
