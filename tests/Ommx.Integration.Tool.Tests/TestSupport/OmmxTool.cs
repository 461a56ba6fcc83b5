using System.Diagnostics;

namespace Ommx.Integration.Tool.Tests.TestSupport;

/// <summary>
/// Runs the built <c>ommx</c> tool as a real process (<c>dotnet Ommx.Integration.Tool.dll …</c>). The default
/// root is pointed at a throw-away folder, so a test that forgets <c>--root</c> still never touches a real
/// user's registry.
/// </summary>
public static class OmmxTool
{
    private static readonly string SafeDefaultRoot = Path.Combine(Path.GetTempPath(), "ommx-tool-tests", "default-root-never-used");

    public static ToolResult Run(params string[] args) => Run(new Dictionary<string, string>(), args);

    public static ToolResult Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, args))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        WaitForExit(process, args);
        return new ToolResult(process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs the tool and keeps standard output as bytes (for commands that print raw bytes).</summary>
    public static (int ExitCode, byte[] Stdout, string Stderr) RunForBytes(params string[] args)
    {
        using var process = Process.Start(StartInfo(new Dictionary<string, string>(), args))!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        WaitForExit(process, args);
        return (process.ExitCode, stdout.ToArray(), stderr.GetAwaiter().GetResult());
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        if (!File.Exists(TestPaths.ToolDll))
        {
            throw new InvalidOperationException($"Tool not built: {TestPaths.ToolDll}");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(TestPaths.ToolDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["OMMX_LOCAL_REGISTRY_ROOT"] = SafeDefaultRoot;
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private static void WaitForExit(Process process, string[] args)
    {
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("ommx " + string.Join(' ', args) + " did not finish");
        }
    }
}
