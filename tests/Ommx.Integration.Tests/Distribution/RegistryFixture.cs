using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Distribution;

/// <summary>One anonymous loopback registry shared by a test class; tests use distinct repositories.</summary>
public sealed class RegistryFixture : IDisposable
{
    public DistributionRegistry Registry { get; } = new();

    public void Dispose() => Registry.Dispose();
}
