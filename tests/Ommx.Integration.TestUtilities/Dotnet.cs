using System.Diagnostics;

namespace Ommx.Integration.TestUtilities;

/// <summary>Runs the real <c>dotnet</c> CLI with an isolated environment.</summary>
public static class Dotnet
{
    /// <summary>Variables a parent test run or the developer's shell could leak into a nested build.</summary>
    private static readonly string[] Scrubbed =
    [
        "OMMX_EXPERIMENT_NAME", "OMMX_EXPERIMENT_REPOSITORY", "OMMX_LOCAL_REGISTRY_ROOT", "OMMX_SESSION_ID", "OMMX_SESSION_ROOT",
        "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "VSTEST_HOST_DEBUG",
    ];

    /// <param name="workingDirectory">Where to run.</param>
    /// <param name="arguments">The dotnet arguments.</param>
    /// <param name="environment">Variables to set (null removes).</param>
    /// <param name="timeout">Default 5 minutes.</param>
    /// <param name="inTerminal">Run under a pseudo-terminal (util-linux <c>script</c>), as an interactive user does: the terminal logger and the test platform's terminal output.</param>
    public static (int ExitCode, string Output) Run(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, TimeSpan? timeout = null, bool inTerminal = false)
    {
        var info = new ProcessStartInfo(inTerminal ? "script" : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (inTerminal)
        {
            info.ArgumentList.Add("-qec");
            info.ArgumentList.Add("dotnet " + string.Join(' ', arguments.Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'")));
            info.ArgumentList.Add("/dev/null");
            info.Environment["TERM"] = "xterm-256color";
        }
        else
        {
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }
        }

        foreach (var name in Scrubbed)
        {
            info.Environment.Remove(name);
        }

        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in time:\n{stdout.Result}");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
