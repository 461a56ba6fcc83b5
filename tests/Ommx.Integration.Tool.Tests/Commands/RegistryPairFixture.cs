
namespace Ommx.Integration.Tool.Tests.Commands;

/// <summary>An anonymous and an htpasswd-protected loopback registry for the push/pull command tests.</summary>
public sealed class RegistryPairFixture : IDisposable
{
    public const string User = "cli-user";

    public static readonly string Password = "cli-" + Guid.NewGuid().ToString("N");

    public DistributionRegistry Anonymous { get; } = new();

    public DistributionRegistry Basic { get; } = new(User, Password);

    public void Dispose()
    {
        Anonymous.Dispose();
        Basic.Dispose();
    }
}
