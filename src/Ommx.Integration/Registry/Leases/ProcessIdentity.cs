using System.Diagnostics;
using System.Globalization;

namespace Ommx.Integration.Registry.Leases;

/// <summary>
/// Names a process so that a reused pid is not mistaken for the original: the pid plus a start token.
/// On Linux the token is the start time in clock ticks since boot from <c>/proc/&lt;pid&gt;/stat</c> (exact);
/// elsewhere it is the start time in whole UTC seconds from <see cref="Process.StartTime"/>.
/// </summary>
internal static class ProcessIdentity
{
    private static readonly Lazy<string> CurrentToken = new(() => StartToken(Environment.ProcessId) ?? "unknown");

    public static int CurrentPid => Environment.ProcessId;

    public static string CurrentHost { get; } = Environment.MachineName;

    public static string CurrentStartToken => CurrentToken.Value;

    /// <summary>True when a process with this pid and start token exists (and is not a zombie).</summary>
    public static bool IsAlive(int pid, string startToken) => StartToken(pid) is { } token && token == startToken;

    /// <summary>The start token of a running process, or <c>null</c> when there is none with that pid.</summary>
    public static string? StartToken(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return LinuxStartToken(pid);
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return null;
            }

            var seconds = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
            return "utc-s:" + seconds.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    private static string? LinuxStartToken(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (StorageErrors.IsFileError(e))
        {
            return null;
        }

        // "pid (comm) state ppid ... starttime ...": comm may contain spaces and ')', so split after the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state); starttime is field 22.
        if (fields.Length < 20 || fields[0] is "Z" or "X")
        {
            return null;
        }

        return "proc-ticks:" + fields[19];
    }
}
