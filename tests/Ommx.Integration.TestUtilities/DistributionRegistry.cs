using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Ommx.Integration.Distribution;

namespace Ommx.Integration.TestUtilities;

/// <summary>
/// A real OCI registry (Debian's <c>docker-registry</c>, CNCF distribution) on a free loopback port, with
/// filesystem storage in a temp directory, deletes enabled, and optionally htpasswd (bcrypt) auth. It can
/// be killed and started again on the same port and storage. One instance per test class fixture.
/// </summary>
public sealed class DistributionRegistry : IDisposable
{
    private static readonly string[] BinaryCandidates = ["/usr/bin/docker-registry", "/usr/bin/registry", "/usr/local/bin/registry"];
    private readonly string directory = Path.Combine(Path.GetTempPath(), "ommx-registries", Guid.NewGuid().ToString("N")[..12]);
    private readonly string configPath;
    private Process? process;

    public DistributionRegistry(string? username = null, string? password = null)
    {
        Port = FreePort();
        Username = username;
        Password = password;
        var storage = StorageDirectory;
        Directory.CreateDirectory(storage);
        var config = new StringBuilder()
            .AppendLine("version: 0.1")
            .AppendLine("log:")
            .AppendLine("  level: error")
            .AppendLine("  accesslog:")
            .AppendLine("    disabled: true")
            .AppendLine("storage:")
            .AppendLine("  filesystem:")
            .AppendLine($"    rootdirectory: {storage}")
            .AppendLine("  delete:")
            .AppendLine("    enabled: true")
            .AppendLine("http:")
            .AppendLine($"  addr: 127.0.0.1:{Port}")
            .AppendLine("  secret: ommx-integration-tests-fixed-secret");
        if (username is not null)
        {
            var htpasswd = Path.Combine(directory, "htpasswd");
            File.WriteAllText(htpasswd, $"{username}:{BCrypt.Net.BCrypt.HashPassword(password, 5)}\n");
            config.AppendLine("auth:").AppendLine("  htpasswd:").AppendLine("    realm: ommx-tests").AppendLine($"    path: {htpasswd}");
        }

        configPath = Path.Combine(directory, "config.yml");
        File.WriteAllText(configPath, config.ToString());
        Start();
    }

    public int Port { get; }

    /// <summary><c>127.0.0.1:&lt;port&gt;</c>, the registry part of image names.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public string? Username { get; }

    public string? Password { get; }

    public string StorageDirectory => Path.Combine(directory, "storage");

    public static string Binary => BinaryCandidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("docker-registry is not installed (apt-get install docker-registry; .ci/run does this)");

    public void Start()
    {
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(configPath);
        var started = Process.Start(info) ?? throw new InvalidOperationException("docker-registry did not start");
        var log = new StringBuilder();
        started.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        started.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        WaitReady(started, log);
    }

    /// <summary>Kills the registry process at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        if (process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    public RemoteOptions Options(ICredentialSource? credentials = null, Func<HttpMessageHandler, HttpMessageHandler>? transport = null) => new()
    {
        Credentials = credentials ?? new FixedCredentials(null),
        Transport = transport,
        Retry = new RetryPolicy { MaxAttempts = 3, Sleep = (_, _) => { } },
    };

    private void WaitReady(Process started, StringBuilder log)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (started.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with {started.ExitCode}: {log}");
            }

            try
            {
                using var response = client.GetAsync($"http://{Host}/v2/").GetAwaiter().GetResult();
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"docker-registry on {Host} did not become ready: {log}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
