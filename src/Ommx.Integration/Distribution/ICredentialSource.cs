namespace Ommx.Integration.Distribution;

/// <summary>Finds the credential for a registry host (<c>host[:port]</c>), or <c>null</c> for anonymous access.</summary>
public interface ICredentialSource
{
    /// <exception cref="RegistryException">The source is configured for this host but incomplete or broken.</exception>
    RegistryCredential? Find(string registryHost);
}
