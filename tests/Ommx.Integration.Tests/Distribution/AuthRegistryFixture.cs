using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Distribution;

/// <summary>
/// Two authenticating registries for one test class: a docker-registry with htpasswd (Basic), and an
/// anonymous docker-registry behind a proxy that demands Bearer tokens from its own token endpoint.
/// </summary>
public sealed class AuthRegistryFixture : IDisposable
{
    public const string User = "ommx-user";

    // Generated per run so a leak check cannot pass by accident on a constant.
    public static readonly string Password = "pw-" + Guid.NewGuid().ToString("N");

    public AuthRegistryFixture()
    {
        Basic = new DistributionRegistry(User, Password);
        BearerBackend = new DistributionRegistry();
        Bearer = new ForwardingProxy(BearerBackend.Host) { BearerCredentials = (User, Password) };
    }

    public DistributionRegistry Basic { get; }

    public DistributionRegistry BearerBackend { get; }

    public ForwardingProxy Bearer { get; }

    public void Dispose()
    {
        Bearer.Dispose();
        BearerBackend.Dispose();
        Basic.Dispose();
    }
}
