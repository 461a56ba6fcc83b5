using System.Diagnostics;

namespace Ommx.Integration.Tests.TestSupport;

/// <summary>Runs the real <c>skopeo</c> (installed by .ci/run) and returns its raw standard output.</summary>
public static class Skopeo
{
    public static byte[] Run(params string[] args)
    {
        var info = new ProcessStartInfo("skopeo")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("skopeo did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("skopeo " + string.Join(' ', args));
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"skopeo {string.Join(' ', args)} exited {process.ExitCode}: {stderr.GetAwaiter().GetResult()}");
        }

        return output.ToArray();
    }
}
