using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Tests.Experiments;

/// <summary>
/// An Experiment that cannot start (here: its writer lease cannot be taken because <c>.ommx-integration</c> is a
/// file) throws and leaves nothing open behind it, in particular not the registry <c>Experiment.Create(name, root)</c>
/// opened for it (review 2026-12-07, §2.7).
/// </summary>
public sealed class ExperimentStartFailureTests : IDisposable
{
    private readonly TempDirectory scratch = new();

    [Fact]
    public void CreateByRoot_LeaseUnavailable_ThrowsAndLeavesNoRegistryFileOpen()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // reads this process's open files from /proc/self/fd
        }

        var root = scratch.Combine("registry");
        using (LocalRegistry.Open(root))
        {
        }

        File.WriteAllText(Path.Combine(root, ".ommx-integration"), "a file where the directory should be");

        Assert.ThrowsAny<IOException>(() => Experiment.Create("example.com/team/blocked:v1", root));

        Assert.Empty(OpenFilesUnder(root));
    }

    /// <summary>The files under <paramref name="root"/> this process holds open (Linux).</summary>
    private static List<string> OpenFilesUnder(string root) =>
        Directory.EnumerateFileSystemEntries("/proc/self/fd")
            .Select(fd =>
            {
                try
                {
                    return new FileInfo(fd).LinkTarget;
                }
                catch (IOException)
                {
                    return null; // closed while we looked
                }
            })
            .OfType<string>()
            .Where(target => target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();

    public void Dispose() => scratch.Dispose();
}
