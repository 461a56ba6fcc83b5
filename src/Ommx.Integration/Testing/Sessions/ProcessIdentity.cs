using System.Diagnostics;

namespace Ommx.Integration.Testing.Sessions;

/// <summary>
/// A process on this host named by id and start time, so that a recycled process id does not make a
/// dead process look alive.
/// </summary>
public sealed record ProcessIdentity(string Host, int ProcessId, DateTime StartedUtc)
{
    public static ProcessIdentity Current()
    {
        using var self = Process.GetCurrentProcess();
        return new ProcessIdentity(Environment.MachineName, self.Id, self.StartTime.ToUniversalTime());
    }

    /// <summary>
    /// Whether the process still runs. A process on another host is assumed alive (nothing here can tell).
    /// </summary>
    public bool IsAlive()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            if (process.HasExited)
            {
                return false;
            }

            // Start times read back through /proc can differ by clock-tick rounding.
            return (process.StartTime.ToUniversalTime() - StartedUtc).Duration() < TimeSpan.FromSeconds(2);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
