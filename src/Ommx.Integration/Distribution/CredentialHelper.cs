using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Ommx.Integration.Distribution;

/// <summary>
/// Runs a Docker credential helper: <c>docker-credential-&lt;name&gt; get</c> reads the server URL on
/// standard input and prints <c>{"ServerURL":…,"Username":…,"Secret":…}</c>; a user name of
/// <c>&lt;token&gt;</c> marks the secret as an identity token. A helper that is missing, fails or has no
/// entry yields <c>null</c> (the next source is asked). Its output is never logged.
/// </summary>
internal static class CredentialHelper
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static RegistryCredential? Get(string name, string serverUrl, string? helperDirectory)
    {
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
            process.StandardInput.Write(serverUrl);
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            _ = stderr.GetAwaiter().GetResult();
            return process.ExitCode == 0 ? Parse(output) : null;
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
