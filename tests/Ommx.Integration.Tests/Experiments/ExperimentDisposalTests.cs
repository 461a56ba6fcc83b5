using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Leases;
using Ommx.Integration.Testing;

namespace Ommx.Integration.Tests.Experiments;

/// <summary>
/// What is opened on the way to an Experiment is closed again when the way fails, and disposing is safe from any
/// number of threads: checked by the files this process holds open under the registry root (<c>/proc/self/fd</c>).
/// </summary>
public sealed class ExperimentDisposalTests : IDisposable
{
    private readonly TempDirectory temp = new();

    private string Root => temp.Combine("registry");

    [Fact]
    public void CreateByRoot_LeaseStoreCannotBeOpened_ThrowsAndLeavesNoFileOfTheRegistryOpen()
    {
        BlockLeaseStore();

        Assert.ThrowsAny<Exception>(() => Experiment.Create("example.com/leak/create:v1", Root));

        Assert.Empty(OpenFilesUnderRoot());
    }

    [Fact]
    public void TestSessionStart_FailsAfterTheExperimentExists_ThrowsAndLeavesNoLiveLeaseNorOpenFile()
    {
        // The Experiment (and its lease) exists by the time the reserved annotation key is refused.
        var settings = new TestSessionSettings
        {
            RegistryRoot = Root,
            ExperimentName = "example.com/leak/session:v1",
            Annotations = new Dictionary<string, string> { ["org.ommx.reserved"] = "x" },
        };

        Assert.ThrowsAny<Exception>(() => TestSession.Start(settings));

        // No live lease is left behind to hold the name and its blobs until it expires.
        Assert.Empty(OpenFilesUnderRoot());
        using var registry = LocalRegistry.Open(Root);
        Assert.DoesNotContain(registry.ListLeases(), l => !l.IsExpired);
    }

    [Fact]
    public void RunDispose_ManyThreadsAtOnce_FinishesOnceAndNeverThrows()
    {
        const int Rounds = 3000;
        const int Threads = 4;
        using var experiment = Experiment.Create("example.com/leak/dispose:v1", Root);
        experiment.DurableRuns = false;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        Run? current = null;
        // Each round: the main thread opens a Run, then all threads dispose it at the same moment.
        using var start = new Barrier(Threads + 1, _ => current = experiment.Run());
        using var done = new Barrier(Threads + 1);
        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                start.SignalAndWait();
                try
                {
                    current!.Dispose();
                }
                catch (Exception e)
                {
                    errors.Enqueue(e);
                }

                done.SignalAndWait();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        for (var round = 0; round < Rounds; round++)
        {
            start.SignalAndWait();
            done.SignalAndWait();
        }

        threads.ForEach(t => t.Join());
        Assert.Empty(errors);
        Assert.Equal(Rounds, experiment.Runs.Count);
    }

    /// <summary>A directory where the lease database belongs: SQLite cannot open it, whoever runs the test.</summary>
    private void BlockLeaseStore()
    {
        using (LocalRegistry.Open(Root))
        {
        }

        var path = LeaseStore.PathFor(Root);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        Directory.CreateDirectory(path);
    }

    private string[] OpenFilesUnderRoot()
    {
        var root = Path.GetFullPath(Root) + Path.DirectorySeparatorChar;
        return [.. Directory.EnumerateFileSystemEntries("/proc/self/fd")
            .Select(fd =>
            {
                try
                {
                    return new FileInfo(fd).LinkTarget;
                }
                catch (IOException)
                {
                    return null;
                }
            })
            .OfType<string>()
            .Where(target => target.StartsWith(root, StringComparison.Ordinal))];
    }

    public void Dispose() => temp.Dispose();
}
