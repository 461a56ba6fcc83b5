using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

[Trait("Category", "RealRegistry")]
public sealed class PushPullCommandTests : IClassFixture<RegistryPairFixture>, IDisposable
{
    private readonly RegistryPairFixture registries;
    private readonly TempRegistryRoot source = new();
    private readonly TempRegistryRoot target = new();

    public PushPullCommandTests(RegistryPairFixture registries) => this.registries = registries;

    [Fact]
    public void PushThenPull_Json_CountsUploadsAndKeepsDigest()
    {
        var name = $"{registries.Anonymous.Host}/cli/roundtrip:v1";
        var descriptor = source.With(r => Fixtures.CommitExperiment(r, name));
        var blobs = source.With(r => r.ReadManifest(descriptor.Digest).Manifest.Blobs().DistinctBy(b => b.Digest).Count());

        var first = Run(source, "push", name, "--json");
        var second = Run(source, "push", name, "--json");
        var pull = Run(target, "pull", name, "--json");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(blobs, first.Json().GetProperty("blobs_uploaded").GetInt32());
        Assert.Equal(descriptor.Digest.ToString(), first.Json().GetProperty("manifest_digest").GetString());
        Assert.Equal(0, second.Json().GetProperty("blobs_uploaded").GetInt32());
        Assert.Equal(blobs, second.Json().GetProperty("blobs_already_present").GetInt32());
        Assert.Equal(0, pull.ExitCode);
        Assert.Equal("inserted", pull.Json().GetProperty("outcome").GetString());
        Assert.Equal(blobs, pull.Json().GetProperty("blobs_downloaded").GetInt32());
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(name)}\s+finished\s+2\s", target.Ommx("experiments").Stdout);
    }

    [Fact]
    public void Push_Text_ReportsBlobsAndTransferRate()
    {
        var name = $"{registries.Anonymous.Host}/cli/text:v1";
        source.With(r => Fixtures.CommitExperiment(r, name));

        var result = Run(source, "push", name);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"      Pushed {name}\n", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n       Blobs \d+ uploaded, 0 already there, 0 mounted\n", result.Stdout);
        Assert.Matches(@"\n    Transfer [\d.]+ (B|KiB|MiB) in [\d.]+ s \([\d.]+ (B|KiB|MiB)/s\)\n", result.Stdout);
    }

    [Fact]
    public void Pull_AlreadyLocal_UpToDateWithoutNetwork()
    {
        var name = $"{registries.Anonymous.Host}/cli/uptodate:v1";
        source.With(r => Fixtures.CommitExperiment(r, name));

        var result = Run(source, "pull", name, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.False(result.Json().GetProperty("used_network").GetBoolean());
        Assert.Equal("unchanged", result.Json().GetProperty("outcome").GetString());
    }

    [Fact]
    public void Push_UnknownImage_ExitsProblems()
    {
        var result = Run(source, "push", $"{registries.Anonymous.Host}/cli/none:v1");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: Artifact not found in the Local Registry", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PushToBasicRegistry_EnvironmentCredentials_WorkAndWrongOnesFailWithoutLeaking()
    {
        var name = $"{registries.Basic.Host}/cli/auth:v1";
        source.With(r => Fixtures.CommitExperiment(r, name));
        var wrong = "nope-" + Guid.NewGuid().ToString("N");

        var anonymous = Run(source, "push", name);
        var denied = RunWith(source, Credentials(wrong), "push", name);
        var allowed = RunWith(source, Credentials(RegistryPairFixture.Password), "push", name);
        var pulled = RunWith(target, Credentials(RegistryPairFixture.Password), "pull", name);

        Assert.Equal(1, anonymous.ExitCode);
        Assert.Contains($"docker login {registries.Basic.Host}", anonymous.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, denied.ExitCode);
        Assert.Contains("rejected the credentials", denied.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, denied.Stdout + denied.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, allowed.ExitCode);
        Assert.DoesNotContain(RegistryPairFixture.Password, allowed.Stdout + allowed.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, pulled.ExitCode);
    }

    [Fact]
    public void Push_HelpListsInsecure()
    {
        var result = OmmxTool.Run("push", "--help");

        Assert.Contains("--insecure", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Runs the tool with a Docker config directory of its own, so the real user's logins never apply.</summary>
    private static ToolResult Run(TempRegistryRoot registry, params string[] args) => RunWith(registry, [], args);

    private static ToolResult RunWith(TempRegistryRoot registry, Dictionary<string, string> environment, params string[] args)
    {
        var docker = registry.Scratch.Combine("docker-config");
        Directory.CreateDirectory(docker);
        environment["DOCKER_CONFIG"] = docker;
        return OmmxTool.Run(environment, [.. args, "--root", registry.Root]);
    }

    private Dictionary<string, string> Credentials(string password) => new()
    {
        ["OMMX_BASIC_AUTH_DOMAIN"] = registries.Basic.Host,
        ["OMMX_BASIC_AUTH_USERNAME"] = RegistryPairFixture.User,
        ["OMMX_BASIC_AUTH_PASSWORD"] = password,
    };

    public void Dispose()
    {
        source.Dispose();
        target.Dispose();
    }
}
