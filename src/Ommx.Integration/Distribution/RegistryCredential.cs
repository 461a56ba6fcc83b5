namespace Ommx.Integration.Distribution;

/// <summary>
/// A user name and password (sent as HTTP Basic, or to a token service), or an identity token (sent as a
/// Bearer token). The secret is not readable from outside the library and <see cref="ToString"/> redacts it,
/// so a credential that ends up in a log or an exception shows nothing.
/// </summary>
public sealed class RegistryCredential
{
    private RegistryCredential(string? username, string? password, string? identityToken)
    {
        Username = username;
        Password = password;
        IdentityToken = identityToken;
    }

    public string? Username { get; }

    internal string? Password { get; }

    internal string? IdentityToken { get; }

    public bool IsIdentityToken => IdentityToken is not null;

    public static RegistryCredential Basic(string username, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        return new RegistryCredential(username, password, null);
    }

    public static RegistryCredential Token(string identityToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identityToken);
        return new RegistryCredential(null, null, identityToken);
    }

    /// <summary>The <c>Authorization: Basic</c> parameter (base64 of <c>user:password</c>).</summary>
    internal string BasicParameter() =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Username + ":" + Password));

    public override string ToString() => IsIdentityToken ? "RegistryCredential(identity token, redacted)" : "RegistryCredential(basic, redacted)";
}
