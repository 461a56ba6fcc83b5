using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Ommx.Integration.Distribution;

/// <summary>
/// Runs a Docker credential helper: <c>docker-credential-&lt;name&gt; get</c> reads the server URL on
/// standard input and prints <c>{"ServerURL":…,"Username":…,"Secret":…}</c>; a user name of
/// <c>&lt;token&gt;</c> marks the secret as an identity token. A helper that is missing, fails or has no
/// entry yields <c>null</c> (the next source is asked). A helper that has not finished after
/// <see cref="DefaultTimeout"/> (30 s; waiting for an unlock prompt, say) is killed with its child processes,
/// and so is one that prints more than 1 MiB; both are authentication errors naming the helper. Its output is
/// never logged.
/// </summary>
internal static class CredentialHelper
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private const int MaxOutputChars = 1 << 20;

    /// <summary>Runs <c>docker-credential-&lt;name&gt; get</c> (from <paramref name="helperDirectory"/>, else PATH) for <paramref name="serverUrl"/>, for at most <paramref name="timeout"/> (default <see cref="DefaultTimeout"/>).</summary>
    public static RegistryCredential? Get(string name, string serverUrl, string? helperDirectory, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var program = "docker-credential-" + name;
        if (helperDirectory is not null)
        {
            program = Path.Combine(helperDirectory, program);
        }

        var info = new ProcessStartInfo(program, "get")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process? process;
        try
        {
            process = Process.Start(info);
        }
        catch (Exception e) when (e is Win32Exception or FileNotFoundException)
        {
            return null;
        }

        if (process is null)
        {
            return null;
        }

        using (process)
        {
            var clock = Stopwatch.StartNew();
            var output = ReadAtMost(process.StandardOutput, MaxOutputChars);
            var errors = ReadAtMost(process.StandardError, MaxOutputChars);
            try
            {
                process.StandardInput.Write(serverUrl);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The helper exited (or closed its input) without reading the URL; its exit code says the rest.
            }

            bool finished;
            try
            {
                finished = process.WaitForExit(limit) && output.Wait(Remaining(limit, clock)) && errors.Wait(Remaining(limit, clock));
            }
            catch (AggregateException)
            {
                finished = false;
            }

            var tooMuch = output.IsCompletedSuccessfully && output.Result is null;
            if (!finished || tooMuch)
            {
                Stop(process);
                throw new RegistryException(
                    RegistryErrorKind.Authentication,
                    tooMuch
                        ? $"Credential helper {program} printed more than {MaxOutputChars >> 20} MiB for {serverUrl}; it was stopped"
                        : $"Credential helper {program} did not finish `get` for {serverUrl} within {limit.TotalSeconds:0.#} s and was stopped; "
                          + $"check it on its own (`echo {serverUrl} | {program} get`): it may be waiting for an unlock prompt");
            }

            return process.ExitCode == 0 ? Parse(output.Result!) : null;
        }
    }

    private static TimeSpan Remaining(TimeSpan limit, Stopwatch clock) => limit - clock.Elapsed > TimeSpan.Zero ? limit - clock.Elapsed : TimeSpan.Zero;

    /// <summary>The reader's text to its end, or <c>null</c> once it passes <paramref name="max"/> characters (then it stops reading).</summary>
    private static async Task<string?> ReadAtMost(StreamReader reader, int max)
    {
        var text = new System.Text.StringBuilder();
        var buffer = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            text.Append(buffer, 0, n);
            if (text.Length > max)
            {
                return null;
            }
        }

        return text.ToString();
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    internal static RegistryCredential? Parse(string output)
    {
        try
        {
            using var doc = JsonDocument.Parse(output);
            var root = doc.RootElement;
            var user = root.TryGetProperty("Username", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            var secret = root.TryGetProperty("Secret", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (string.IsNullOrEmpty(secret))
            {
                return null;
            }

            if (user == "<token>")
            {
                return RegistryCredential.Token(secret);
            }

            return string.IsNullOrEmpty(user) ? null : RegistryCredential.Basic(user, secret);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
