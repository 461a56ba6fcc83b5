using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Ommx.Integration.Distribution;
using Ommx.Integration.Oci;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Distribution;

/// <summary>
/// Nothing read from a registry grows without bound and nothing waits for ever: endless bodies without
/// <c>Content-Length</c> hit a size cap, stalls and trickles hit the idle timeout (half a second here),
/// and a credential helper that never exits is killed.
/// </summary>
[Trait("Category", "Slow")]
public sealed class NetworkBoundsTests : IDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(6);
    private readonly TempRegistry source = new();
    private readonly TempRegistry target = new();
    private readonly TempDirectory temp = new();
    private readonly InMemoryOciStore store = new();

    /// <summary>
    /// One exchange before the first timed one: a cold process spends longer than the half-second window
    /// compiling the HTTP stack before its first byte goes out, which is no stall of the registry's.
    /// </summary>
    public NetworkBoundsTests() => WarmUp.Value.ToString();

    private static Lazy<bool> WarmUp { get; } = new(() =>
    {
        using var registry = new HostileRegistry(_ => HostileReply.OciError(404, "MANIFEST_UNKNOWN", "none"));
        using var temp = new TempRegistry();
        var e = Assert.Throws<RegistryException>(() => temp.Registry.Pull(
            ImageReference.Parse($"{registry.Host}/warm/up:v1"), Options() with { IdleTimeout = TimeSpan.FromSeconds(30) }));
        return e.Kind == RegistryErrorKind.NotFound;
    });

    [Fact]
    public void Pull_ErrorBodyWithoutLengthNeverEnds_FailsFastWithTheStatus()
    {
        using var registry = new HostileRegistry(_ => HostileReply.Endless(400, (byte)' '));
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<RegistryException>(() => Pull(registry, Options()));

        Assert.True(clock.Elapsed < Quick, clock.Elapsed.ToString());
        Assert.Equal(RegistryErrorKind.Protocol, e.Kind);
        Assert.Contains("HTTP 400", e.Message, StringComparison.Ordinal);
        Assert.Contains("error body longer than 64 KiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_TokenServiceAnswerNeverEnds_AuthenticationErrorAtTheCap()
    {
        using var realm = new HostileRegistry(_ => HostileReply.Endless(200, (byte)' '));
        using var registry = new HostileRegistry(_ => HostileReply.Status(401, "{}", ("WWW-Authenticate", $"Bearer realm=\"{realm.Origin}/token\",service=\"x\"")));
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<RegistryException>(() => Pull(registry, Options()));

        Assert.True(clock.Elapsed < Quick, clock.Elapsed.ToString());
        Assert.True(e.Kind == RegistryErrorKind.Authentication, e.Message);
        Assert.Contains("larger than 1 MiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_ManifestWithoutLengthNeverEnds_RefusedAtTheCap()
    {
        using var registry = new HostileRegistry(_ => HostileReply.Endless(200, (byte)' ', ("Content-Type", MediaTypes.ImageManifest)));

        var e = Assert.Throws<RegistryException>(() => Pull(registry, Options()));

        Assert.Equal(RegistryErrorKind.InvalidArtifact, e.Kind);
        Assert.Contains("larger than 4194304 bytes", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no answer")]
    [InlineData("trickling manifest")]
    [InlineData("trickling token")]
    public void Pull_StalledRegistry_EachAttemptFailsAfterTheIdleTimeout(string how)
    {
        using var realm = new HostileRegistry(_ => HostileReply.Trickle(200, TimeSpan.FromMilliseconds(20), (byte)' '));
        using var registry = new HostileRegistry(_ => how switch
        {
            "no answer" => HostileReply.Stall(),
            "trickling manifest" => HostileReply.Trickle(200, TimeSpan.FromMilliseconds(20), (byte)' ', ("Content-Type", MediaTypes.ImageManifest), ("Content-Length", "100000")),
            _ => HostileReply.Status(401, "{}", ("WWW-Authenticate", $"Bearer realm=\"{realm.Origin}/token\",service=\"x\"")),
        });
        var retried = new ConcurrentQueue<int>();
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<RegistryException>(() => Pull(registry, Options() with
        {
            Retry = new RetryPolicy { MaxAttempts = 2, Sleep = (failed, _) => retried.Enqueue(failed) },
        }));

        Assert.True(clock.Elapsed < Quick, clock.Elapsed.ToString());
        Assert.True(e.Kind == RegistryErrorKind.Transport, e.Message);
        Assert.Contains("stalled: fewer than 1024 bytes moved in 0.5 s", e.Message, StringComparison.Ordinal);
        // Attempts are counted where they are decided, by the retry policy: attempt 1 stalled and was retried,
        // attempt 2 stalled and ended the pull. Counting the server's accepted connections is no measure: when
        // a loaded machine delays the first attempt's connect past the idle window, that attempt gives up
        // before it has a connection, and the handler pools the connection it goes on to open for the retry.
        Assert.Equal([1], retried);
        var server = how == "trickling token" ? realm : registry;
        Assert.True(SpinWait.SpinUntil(() => server.Connections >= 1, TimeSpan.FromSeconds(10)), "the registry was never contacted");
        Assert.InRange(server.Connections, 1, 2);
    }

    [Fact]
    public void Pull_ErrorBodyTrickles_FailsAfterTheIdleTimeoutWithTheStatus()
    {
        using var registry = new HostileRegistry(_ => HostileReply.Trickle(500, TimeSpan.FromMilliseconds(20), (byte)' '));
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<RegistryException>(() => Pull(registry, Options()));

        Assert.True(clock.Elapsed < Quick, clock.Elapsed.ToString());
        Assert.Contains("HTTP 500", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Push_RegistryNeverAnswersTheUpload_FailsAfterTheIdleTimeout()
    {
        using var registry = new HostileRegistry(r => r.Method == "PUT" && r.Path.Contains("/blobs/uploads/", StringComparison.Ordinal) ? HostileReply.Stall() : store.Answer(r));
        var name = $"{registry.Host}/team/exp:v1";
        SampleExperiments.Commit(source.Registry, name);
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<RegistryException>(() => source.Registry.Push(ImageReference.Parse(name), Options()));

        Assert.True(clock.Elapsed < Quick, clock.Elapsed.ToString());
        Assert.Equal(RegistryErrorKind.Transport, e.Kind);
        Assert.Contains("stalled", e.Message, StringComparison.Ordinal);
        Assert.Empty(store.Manifests);
    }

    [Fact]
    public void Pull_ConfigDeclaredLargerThanTheCap_RefusedBeforeDownloadingIt()
    {
        using var registry = new HostileRegistry(store.Answer);
        var committed = SampleExperiments.Commit(source.Registry, $"{registry.Host}/team/exp:v1");
        var manifest = JsonNode.Parse(source.Registry.Blobs.Read(committed.Digest))!;
        var config = manifest["config"]!["digest"]!.GetValue<string>();
        manifest["config"]!["size"] = 1L << 30;
        store.AddManifest("team/exp", "v1", System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));

        var e = Assert.Throws<RegistryException>(() => Pull(registry, Options()));

        Assert.Equal(RegistryErrorKind.InvalidArtifact, e.Kind);
        Assert.Contains("more than the 16 MiB a config may have", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(registry.Requests, r => r.Path.EndsWith(config, StringComparison.Ordinal));
        Assert.Empty(target.Registry.ListRefs());
    }

    [Fact]
    public void CredentialHelper_NeverExits_KilledWithItsChildAfterTheTimeout()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // a POSIX shell script stands in for the helper
        }

        var childPid = Path.Combine(temp.Path, "child.pid");
        var helper = Path.Combine(temp.Path, "docker-credential-hang");
        File.WriteAllText(helper, $"#!/bin/sh\nsleep 120 &\necho $! > '{childPid}'\nwait\n");
        File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<RegistryException>(() => CredentialHelper.Get("hang", "registry.example.com", temp.Path, TimeSpan.FromSeconds(1)));

        Assert.True(clock.Elapsed < Quick, clock.Elapsed.ToString());
        Assert.Equal(RegistryErrorKind.Authentication, e.Kind);
        Assert.Contains("docker-credential-hang did not finish `get` for registry.example.com within 1 s and was stopped", e.Message, StringComparison.Ordinal);
        var pid = int.Parse(File.ReadAllText(childPid).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(SpinWait.SpinUntil(() => !Running(pid), TimeSpan.FromSeconds(3)), $"sleep child {pid} still runs");
    }

    /// <summary>Alive and not a zombie waiting to be reaped.</summary>
    private static bool Running(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private void Pull(HostileRegistry registry, RemoteOptions options) =>
        target.Registry.Pull(ImageReference.Parse($"{registry.Host}/team/exp:v1"), options);

    private static RemoteOptions Options() => new()
    {
        Credentials = new FixedCredentials(null),
        Retry = new RetryPolicy { MaxAttempts = 2, Sleep = (_, _) => { } },
        IdleTimeout = Idle,
    };

    public void Dispose()
    {
        source.Dispose();
        target.Dispose();
        temp.Dispose();
    }
}
