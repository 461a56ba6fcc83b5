using Ommx.Integration.Distribution;

namespace Ommx.Integration.TestUtilities;

/// <summary>The same credential (or none) for every host, so tests never read the real user's Docker config.</summary>
public sealed class FixedCredentials : ICredentialSource
{
    private readonly RegistryCredential? credential;

    public FixedCredentials(RegistryCredential? credential) => this.credential = credential;

    public int Lookups { get; private set; }

    public RegistryCredential? Find(string registryHost)
    {
        Lookups++;
        return credential;
    }
}
