using System.Text;
using System.Text.Json;

namespace Ommx.Integration.Distribution;

/// <summary>
/// Credentials from Docker's client configuration (<c>$DOCKER_CONFIG/config.json</c>, else
/// <c>~/.docker/config.json</c>), as <c>docker login</c> leaves them: a per-host credential helper
/// (<c>credHelpers</c>), else the default store (<c>credsStore</c>), both run as
/// <c>docker-credential-&lt;name&gt; get</c>; else the base64 <c>auth</c> or <c>identitytoken</c> of the
/// matching <c>auths</c> entry. A missing file, entry or helper means "not found here".
/// </summary>
internal sealed class DockerConfigCredentials : ICredentialSource
{
    private readonly string configPath;
    private readonly string? helperDirectory;

    /// <param name="configDirectory">The directory holding <c>config.json</c>; default <c>$DOCKER_CONFIG</c> or <c>~/.docker</c>.</param>
    /// <param name="helperDirectory">Where to look for <c>docker-credential-*</c> programs; default <c>PATH</c>.</param>
    public DockerConfigCredentials(string? configDirectory = null, string? helperDirectory = null)
    {
        configDirectory ??= Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } fromEnv
            ? fromEnv
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        configPath = Path.Combine(configDirectory, "config.json");
        this.helperDirectory = helperDirectory;
    }

    public RegistryCredential? Find(string registryHost)
    {
        if (!File.Exists(configPath))
        {
            return null;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(configPath));
        }
        catch (Exception e) when (StorageErrors.IsFileError(e) || e is JsonException)
        {
            // Only the path and the parser's position; never the content.
            throw new RegistryException(RegistryErrorKind.Authentication, $"Cannot read Docker config {configPath}: {e.GetType().Name}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var serverUrl = ServerUrl(registryHost);
            if (root.TryGetProperty("credHelpers", out var helpers) && helpers.ValueKind == JsonValueKind.Object
                && FindEntry(helpers, registryHost) is { ValueKind: JsonValueKind.String } helper
                && CredentialHelper.Get(helper.GetString()!, serverUrl, helperDirectory) is { } fromHelper)
            {
                return fromHelper;
            }

            if (root.TryGetProperty("credsStore", out var store) && store.ValueKind == JsonValueKind.String
                && store.GetString() is { Length: > 0 } storeName
                && CredentialHelper.Get(storeName, serverUrl, helperDirectory) is { } fromStore)
            {
                return fromStore;
            }

            if (root.TryGetProperty("auths", out var auths) && auths.ValueKind == JsonValueKind.Object
                && FindEntry(auths, registryHost) is { ValueKind: JsonValueKind.Object } entry)
            {
                return FromAuthEntry(entry, registryHost);
            }

            return null;
        }
    }

    /// <summary>What Docker passes to helpers: Docker Hub's legacy URL, otherwise the host.</summary>
    internal static string ServerUrl(string registryHost) =>
        registryHost is "docker.io" or "index.docker.io" or "registry-1.docker.io" ? "https://index.docker.io/v1/" : registryHost;

    private static JsonElement? FindEntry(JsonElement map, string registryHost)
    {
        foreach (var property in map.EnumerateObject())
        {
            if (string.Equals(NormalizeKey(property.Name), NormalizeKey(registryHost), StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    /// <summary><c>https://host/v1/</c>, <c>http://host</c> and <c>host</c> all name the same registry.</summary>
    internal static string NormalizeKey(string key)
    {
        var k = key;
        var scheme = k.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            k = k[(scheme + 3)..];
        }

        var slash = k.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            k = k[..slash];
        }

        return k is "docker.io" or "registry-1.docker.io" ? "index.docker.io" : k;
    }

    private RegistryCredential? FromAuthEntry(JsonElement entry, string registryHost)
    {
        if (entry.TryGetProperty("identitytoken", out var token) && token.ValueKind == JsonValueKind.String
            && token.GetString() is { Length: > 0 } identity)
        {
            return RegistryCredential.Token(identity);
        }

        if (!entry.TryGetProperty("auth", out var auth) || auth.ValueKind != JsonValueKind.String || auth.GetString() is not { Length: > 0 } encoded)
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            throw new RegistryException(RegistryErrorKind.Authentication, $"Docker config {configPath}: the auth entry for {registryHost} is not valid base64");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new RegistryException(RegistryErrorKind.Authentication, $"Docker config {configPath}: the auth entry for {registryHost} is not user:password");
        }

        return RegistryCredential.Basic(decoded[..colon], decoded[(colon + 1)..]);
    }
}
