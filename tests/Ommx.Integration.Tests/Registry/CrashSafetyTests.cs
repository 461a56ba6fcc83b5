using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Maintenance;
using Ommx.Integration.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.Tests.Registry;

/// <summary>Real child processes writing into one registry, killed with SIGKILL or racing a deleting GC.</summary>
[Trait("Category", "FaultInjection")]
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory temp = new();

    private string Root => temp.Combine("registry");

    [Fact]
    public void Writer_KilledAtRandomPoints_RegistryIntactAndEveryPublishedRefComplete()
    {
        var random = new Random(20261123);
        var published = new Dictionary<string, string>();
        const int kills = 12;
        for (var round = 0; round < kills; round++)
        {
            using var worker = WorkerProcess.Start("registry-writer", Root, round.ToString(System.Globalization.CultureInfo.InvariantCulture));
            worker.WaitForLines(1 + random.Next(0, 6), TimeSpan.FromSeconds(60));
            Thread.Sleep(random.Next(0, 40));
            worker.Kill();
            foreach (var line in worker.Lines)
            {
                var parts = line.Split(' ');
                published[parts[1]] = parts[2];
            }

            AssertHealthy(published);
        }

        output.WriteLine($"{kills} kills, {published.Count} refs published before the kills, all complete");
        Assert.True(published.Count >= kills);
    }

    [Fact]
    public void TwoWritersAndDeletingGc_DefaultGrace_NothingReachableDeleted()
    {
        using (LocalRegistry.Open(Root))
        {
        }

        using var a = WorkerProcess.Start("registry-writer", Root, "101", "25");
        using var b = WorkerProcess.Start("registry-writer", Root, "202", "25");
        using var gc = WorkerProcess.Start("gc-loop", Root, "40");

        Assert.Equal(0, a.WaitForExit(TimeSpan.FromMinutes(3)));
        Assert.Equal(0, b.WaitForExit(TimeSpan.FromMinutes(3)));
        Assert.Equal(0, gc.WaitForExit(TimeSpan.FromMinutes(3)));
        Assert.Equal(string.Empty, a.Errors + b.Errors + gc.Errors);

        var published = a.Lines.Concat(b.Lines).Select(l => l.Split(' ')).ToDictionary(p => p[1], p => p[2]);
        Assert.Equal(50, published.Count);
        AssertHealthy(published);
        // Everything is younger than the 24 h grace period, so a correct GC deletes nothing. ("missing"
        // can be non-zero: a ref published between GC's blob scan and its ref scan looks missing to that pass.)
        Assert.Equal(40, gc.Lines.Count);
        Assert.All(gc.Lines, l => Assert.Contains(" deleted 0 ", l, StringComparison.Ordinal));
    }

    private void AssertHealthy(Dictionary<string, string> published)
    {
        using var registry = LocalRegistry.Open(Root);
        Assert.Equal("ok", Convert.ToString(SqliteTestHelpers.Scalar(Root, "PRAGMA integrity_check"), System.Globalization.CultureInfo.InvariantCulture));
        foreach (var row in registry.ListRefs())
        {
            RefRestorer.VerifyClosure(registry, Digest.Parse(row.ManifestDigest));
        }

        foreach (var (image, digest) in published)
        {
            Assert.Equal(Digest.Parse(digest), registry.Resolve(ImageReference.Parse(image)));
        }
    }

    public void Dispose() => temp.Dispose();
}
