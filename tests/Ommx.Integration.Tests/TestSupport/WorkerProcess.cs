using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ommx.Integration.Tests.TestSupport;

/// <summary>A running Ommx.Integration.TestWorker child; collects its stdout lines as they arrive.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly System.Text.StringBuilder errors = new();

    private WorkerProcess(Process process) => this.process = process;

    public IReadOnlyCollection<string> Lines => lines;

    public string Errors
    {
        get
        {
            lock (errors)
            {
                return errors.ToString();
            }
        }
    }

    public static WorkerProcess Start(params string[] args)
    {
        if (!File.Exists(TestPaths.TestWorkerDll))
        {
            throw new InvalidOperationException($"Test worker not built: {TestPaths.TestWorkerDll}");
        }

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(TestPaths.TestWorkerDll);
        args.ToList().ForEach(info.ArgumentList.Add);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                worker.lines.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (worker.errors)
                {
                    worker.errors.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits until at least <paramref name="count"/> lines arrived (or the process ended).</summary>
    public void WaitForLines(int count, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (lines.Count < count && !process.HasExited && watch.Elapsed < timeout)
        {
            Thread.Sleep(5);
        }
    }

    /// <summary>SIGKILL on Unix: no cleanup code runs in the child.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            Kill();
            throw new TimeoutException("worker did not finish in time: " + Errors);
        }

        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
