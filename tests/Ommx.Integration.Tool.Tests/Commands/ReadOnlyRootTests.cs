using System.Diagnostics;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

/// <summary>
/// A registry on a read-only mount (a private <c>unshare -m</c> read-only bind mount, since root ignores
/// <c>chmod a-w</c>): read commands work, writing ones say the root is read-only.
/// </summary>
public sealed class ReadOnlyRootTests : IDisposable
{
    private const int MountRefused = 99;
    private readonly TempRegistryRoot registry = new();

    [Fact]
    public void ReadOnlyMount_ReadCommandsWork_WritingOnesSayTheRootIsReadOnly()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // needs unshare and bind mounts
        }

        registry.With(r => Fixtures.CommitArtifact(r, Fixtures.Artifact, "read-only layer"u8.ToArray()));
        const string script = """
            exec 2>&1
            mount --bind -o ro "$1" "$1" || exit 99
            dotnet "$2" list --root "$1"; echo "list-exit=$?"
            dotnet "$2" experiments --root "$1"; echo "experiments-exit=$?"
            dotnet "$2" rm "$3" --root "$1"; echo "rm-exit=$?"
            """;
        var info = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-m", "sh", "-c", script, "sh", registry.Root, TestPaths.ToolDll, Fixtures.Artifact })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return; // no unshare on this machine
        }

        using (process)
        {
            var all = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(120_000), "the read-only root commands did not finish");
            if (process.ExitCode == MountRefused || all.StartsWith("unshare:", StringComparison.Ordinal))
            {
                return; // not allowed to make a private read-only mount here (needs CAP_SYS_ADMIN)
            }

            Assert.Contains("list-exit=0", all, StringComparison.Ordinal);
            Assert.Contains(Fixtures.Artifact, all, StringComparison.Ordinal);
            Assert.Contains("experiments-exit=0", all, StringComparison.Ordinal);
            Assert.DoesNotContain("rm-exit=0", all, StringComparison.Ordinal);
            Assert.Contains("is read-only: this command writes to it", all, StringComparison.Ordinal);
            Assert.DoesNotContain("SQLite Error", all, StringComparison.Ordinal);
        }

        Assert.Contains(Fixtures.Artifact, registry.Ommx("list").Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => registry.Dispose();
}
