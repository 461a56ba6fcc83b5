namespace Ommx.Integration.Distribution;

/// <summary>Asks each source in turn; the first credential found wins; none means anonymous access.</summary>
internal sealed class CredentialChain : ICredentialSource
{
    private readonly IReadOnlyList<ICredentialSource> sources;

    public CredentialChain(params ICredentialSource[] sources) => this.sources = sources;

    /// <summary>The environment (<see cref="EnvironmentCredentials"/>), then Docker's config (<see cref="DockerConfigCredentials"/>).</summary>
    public static CredentialChain Default() => new(new EnvironmentCredentials(), new DockerConfigCredentials());

    public RegistryCredential? Find(string registryHost)
    {
        foreach (var source in sources)
        {
            if (source.Find(registryHost) is { } credential)
            {
                return credential;
            }
        }

        return null;
    }
}
