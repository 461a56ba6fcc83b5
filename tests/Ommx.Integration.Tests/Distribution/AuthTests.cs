using System.Text;
using Ommx.Integration.Distribution;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Distribution;

[Trait("Category", "RealRegistry")]
public sealed class AuthTests : IClassFixture<AuthRegistryFixture>, IDisposable
{
    private static readonly RegistryCredential Right = RegistryCredential.Basic(AuthRegistryFixture.User, AuthRegistryFixture.Password);
    private static readonly string WrongPassword = "wrong-" + Guid.NewGuid().ToString("N");
    private static readonly RegistryCredential Wrong = RegistryCredential.Basic(AuthRegistryFixture.User, WrongPassword);
    private readonly AuthRegistryFixture fixture;
    private readonly TempRegistry source = new();
    private readonly TempRegistry target = new();

    public AuthTests(AuthRegistryFixture fixture) => this.fixture = fixture;

    [Fact]
    public void BasicRegistry_RightCredentials_PushAndPullWork()
    {
        var name = $"{fixture.Basic.Host}/ommx-tests/basic:v1";
        var committed = SampleExperiments.Commit(source.Registry, name);

        source.Registry.Push(ImageReference.Parse(name), fixture.Basic.Options(new FixedCredentials(Right)));
        var pulled = target.Registry.Pull(ImageReference.Parse(name), fixture.Basic.Options(new FixedCredentials(Right)));

        Assert.Equal(committed.Digest, pulled.ManifestDigest);
    }

    [Fact]
    public void BasicRegistry_WrongCredentials_AuthenticationErrorWithoutSecrets()
    {
        var name = $"{fixture.Basic.Host}/ommx-tests/basic-wrong:v1";
        SampleExperiments.Commit(source.Registry, name);

        var e = Assert.Throws<RegistryException>(() => source.Registry.Push(ImageReference.Parse(name), fixture.Basic.Options(new FixedCredentials(Wrong))));

        Assert.Equal(RegistryErrorKind.Authentication, e.Kind);
        Assert.Contains("rejected the credentials", e.Message, StringComparison.Ordinal);
        Assert.Contains(fixture.Basic.Host, e.Message, StringComparison.Ordinal);
        AssertNoSecret(e.ToString(), WrongPassword);
    }

    [Fact]
    public void BasicRegistry_NoCredentials_ErrorSaysHowToLogIn()
    {
        var name = $"{fixture.Basic.Host}/ommx-tests/basic-none:v1";

        var e = Assert.Throws<RegistryException>(() => target.Registry.Pull(ImageReference.Parse(name), fixture.Basic.Options(new FixedCredentials(null))));

        Assert.Equal(RegistryErrorKind.Authentication, e.Kind);
        Assert.Contains("docker login " + fixture.Basic.Host, e.Message, StringComparison.Ordinal);
        Assert.Contains(EnvironmentCredentials.DomainVariable, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BearerRegistry_RightCredentials_TokensScopedPerRepositoryAndActionAndCached()
    {
        var name = $"{fixture.Bearer.Host}/ommx-tests/bearer:v1";
        var committed = SampleExperiments.Commit(source.Registry, name);
        RecordingHandler? recorder = null;
        var scopesBefore = fixture.Bearer.TokenScopes.Count;

        source.Registry.Push(ImageReference.Parse(name), fixture.BearerBackend.Options(new FixedCredentials(Right), h => recorder = new RecordingHandler(h)));
        var pulled = target.Registry.Pull(ImageReference.Parse(name), fixture.BearerBackend.Options(new FixedCredentials(Right)));

        Assert.Equal(committed.Digest, pulled.ManifestDigest);
        var scopes = fixture.Bearer.TokenScopes.Skip(scopesBefore).ToList();
        Assert.Contains("repository:ommx-tests/bearer:pull,push", scopes);
        Assert.Contains("repository:ommx-tests/bearer:pull", scopes);
        // One token per scope for the whole push: the cache works (one 401 per scope, not per request).
        Assert.Equal(1, recorder!.Requests.Count(r => r.EndsWith("-> 401", StringComparison.Ordinal)));
    }

    [Fact]
    public void BearerRegistry_WrongCredentials_TokenServiceRefusalIsAuthenticationError()
    {
        var name = $"{fixture.Bearer.Host}/ommx-tests/bearer-wrong:v1";
        SampleExperiments.Commit(source.Registry, name);

        var e = Assert.Throws<RegistryException>(() => source.Registry.Push(ImageReference.Parse(name), fixture.BearerBackend.Options(new FixedCredentials(Wrong))));

        Assert.Equal(RegistryErrorKind.Authentication, e.Kind);
        Assert.Contains("token service", e.Message, StringComparison.Ordinal);
        AssertNoSecret(e.ToString(), WrongPassword);
    }

    [Fact]
    public void Pull_WithCredentials_NoSecretInLocalRegistryFiles()
    {
        var name = $"{fixture.Bearer.Host}/ommx-tests/bearer-leak:v1";
        SampleExperiments.Commit(source.Registry, name);
        source.Registry.Push(ImageReference.Parse(name), fixture.BearerBackend.Options(new FixedCredentials(Right)));

        using (Experiment.Load(target.Registry, name, new ExperimentLoadOptions { Remote = fixture.BearerBackend.Options(new FixedCredentials(Right)) }))
        {
        }

        target.Registry.Dispose();
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AuthRegistryFixture.User}:{AuthRegistryFixture.Password}"));
        foreach (var file in Directory.EnumerateFiles(target.Root, "*", SearchOption.AllDirectories))
        {
            var text = Encoding.Latin1.GetString(File.ReadAllBytes(file));
            Assert.DoesNotContain(AuthRegistryFixture.Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(basic, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DockerConfigAuth_FromConfigJson_UsedForBasicRegistry()
    {
        var configDir = source.Scratch.Combine("docker");
        Directory.CreateDirectory(configDir);
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AuthRegistryFixture.User}:{AuthRegistryFixture.Password}"));
        File.WriteAllText(Path.Combine(configDir, "config.json"), $"{{\"auths\":{{\"http://{fixture.Basic.Host}\":{{\"auth\":\"{auth}\"}}}}}}");
        var name = $"{fixture.Basic.Host}/ommx-tests/docker-config:v1";
        var committed = SampleExperiments.Commit(source.Registry, name);

        var pushed = source.Registry.Push(ImageReference.Parse(name), fixture.Basic.Options(new DockerConfigCredentials(configDir)));

        Assert.Equal(committed.Digest, pushed.ManifestDigest);
    }

    [Fact]
    public void DockerConfigCredHelper_HelperAnswersGet_UsedForBasicRegistry()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var configDir = source.Scratch.Combine("docker-helper");
        var helpers = Path.Combine(configDir, "bin");
        Directory.CreateDirectory(helpers);
        var log = Path.Combine(configDir, "asked-for");
        var script = Path.Combine(helpers, "docker-credential-ommxtest");
        // Speaks the helper protocol: the server URL arrives on stdin (logged), the JSON answer goes to stdout.
        File.WriteAllText(script, $"#!/bin/sh\nread url\nprintf '%s' \"$url\" > '{log}'\n"
            + $"printf '{{\"ServerURL\":\"%s\",\"Username\":\"{AuthRegistryFixture.User}\",\"Secret\":\"{AuthRegistryFixture.Password}\"}}' \"$url\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(configDir, "config.json"), $"{{\"credHelpers\":{{\"{fixture.Basic.Host}\":\"ommxtest\"}}}}");
        var name = $"{fixture.Basic.Host}/ommx-tests/cred-helper:v1";
        var committed = SampleExperiments.Commit(source.Registry, name);

        var pushed = source.Registry.Push(ImageReference.Parse(name), fixture.Basic.Options(new DockerConfigCredentials(configDir, helpers)));

        Assert.Equal(committed.Digest, pushed.ManifestDigest);
        Assert.Equal(fixture.Basic.Host, File.ReadAllText(log));
    }

    private static void AssertNoSecret(string text, string password)
    {
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AuthRegistryFixture.User}:{password}")), text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        source.Dispose();
        target.Dispose();
    }
}
