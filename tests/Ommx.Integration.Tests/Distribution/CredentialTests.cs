using System.Text;
using Ommx.Integration.Distribution;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Distribution;

public sealed class CredentialTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public void EnvironmentCredentials_DomainMatchesWithBoth_Basic()
    {
        var env = Env(("OMMX_BASIC_AUTH_DOMAIN", "registry.example.com:5000"), ("OMMX_BASIC_AUTH_USERNAME", "u"), ("OMMX_BASIC_AUTH_PASSWORD", "p"));

        var credential = new EnvironmentCredentials(env).Find("registry.example.com:5000");

        Assert.Equal("u", credential!.Username);
        Assert.False(credential.IsIdentityToken);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("other.example.com")]
    public void EnvironmentCredentials_NoOrOtherDomain_FallsThrough(string? domain)
    {
        var env = Env(("OMMX_BASIC_AUTH_DOMAIN", domain), ("OMMX_BASIC_AUTH_USERNAME", "u"), ("OMMX_BASIC_AUTH_PASSWORD", "p"));

        Assert.Null(new EnvironmentCredentials(env).Find("registry.example.com"));
    }

    [Fact]
    public void EnvironmentCredentials_PasswordMissing_AuthenticationErrorNamingIt()
    {
        var env = Env(("OMMX_BASIC_AUTH_DOMAIN", "registry.example.com"), ("OMMX_BASIC_AUTH_USERNAME", "u"));

        var e = Assert.Throws<RegistryException>(() => new EnvironmentCredentials(env).Find("registry.example.com"));

        Assert.Equal(RegistryErrorKind.Authentication, e.Kind);
        Assert.Contains("OMMX_BASIC_AUTH_PASSWORD is not set", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DockerConfig_AuthsEntryWithSchemeAndPath_DecodedForHost()
    {
        WriteConfig("{\"auths\":{\"https://registry.example.com/v1/\":{\"auth\":\"" + B64("alice:s3cr:et") + "\"}}}");

        var credential = new DockerConfigCredentials(temp.Path).Find("registry.example.com");

        Assert.Equal("alice", credential!.Username);
        Assert.False(credential.IsIdentityToken);
    }

    [Fact]
    public void DockerConfig_IdentityToken_BearerCredential()
    {
        WriteConfig("{\"auths\":{\"registry.example.com\":{\"identitytoken\":\"tok\"}}}");

        Assert.True(new DockerConfigCredentials(temp.Path).Find("registry.example.com")!.IsIdentityToken);
    }

    [Fact]
    public void DockerConfig_NoFileOrNoEntry_Null()
    {
        Assert.Null(new DockerConfigCredentials(temp.Path).Find("registry.example.com"));
        WriteConfig("{\"auths\":{\"other.example.com\":{\"auth\":\"" + B64("a:b") + "\"}}}");
        Assert.Null(new DockerConfigCredentials(temp.Path).Find("registry.example.com"));
    }

    [Fact]
    public void DockerConfig_HelperMissing_FallsBackToAuths()
    {
        WriteConfig("{\"credsStore\":\"does-not-exist-anywhere\",\"auths\":{\"registry.example.com\":{\"auth\":\"" + B64("bob:pw") + "\"}}}");

        Assert.Equal("bob", new DockerConfigCredentials(temp.Path, temp.Path).Find("registry.example.com")!.Username);
    }

    [Fact]
    public void Credential_ToString_RevealsNoSecret()
    {
        var text = RegistryCredential.Basic("alice", "hunter2").ToString() + RegistryCredential.Token("tok-123").ToString();

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", text, StringComparison.Ordinal);
    }

    private void WriteConfig(string json) => File.WriteAllText(Path.Combine(temp.Path, "config.json"), json);

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    private static Func<string, string?> Env(params (string Name, string? Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    public void Dispose() => temp.Dispose();
}
