namespace Ommx.Integration.Distribution;

/// <summary>
/// Credentials from the environment, with OMMX's own variable names so one CI setup serves the Python
/// SDK and .NET: when <c>OMMX_BASIC_AUTH_DOMAIN</c> equals the registry host (<c>host[:port]</c>), both
/// <c>OMMX_BASIC_AUTH_USERNAME</c> and <c>OMMX_BASIC_AUTH_PASSWORD</c> must be set and are used;
/// otherwise this source has nothing to say and the next one is asked.
/// </summary>
internal sealed class EnvironmentCredentials : ICredentialSource
{
    public const string DomainVariable = "OMMX_BASIC_AUTH_DOMAIN";
    public const string UsernameVariable = "OMMX_BASIC_AUTH_USERNAME";
    public const string PasswordVariable = "OMMX_BASIC_AUTH_PASSWORD";

    private readonly Func<string, string?> getVariable;

    public EnvironmentCredentials(Func<string, string?>? getVariable = null) =>
        this.getVariable = getVariable ?? Environment.GetEnvironmentVariable;

    public RegistryCredential? Find(string registryHost)
    {
        var domain = getVariable(DomainVariable);
        if (string.IsNullOrEmpty(domain) || !string.Equals(domain, registryHost, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var username = getVariable(UsernameVariable);
        var password = getVariable(PasswordVariable);
        var missing = new[] { (UsernameVariable, username), (PasswordVariable, password) }
            .Where(v => string.IsNullOrEmpty(v.Item2)).Select(v => v.Item1).ToList();
        if (missing.Count > 0)
        {
            throw new RegistryException(
                RegistryErrorKind.Authentication,
                $"{DomainVariable} is set to {domain} but {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not set");
        }

        return RegistryCredential.Basic(username!, password!);
    }
}
