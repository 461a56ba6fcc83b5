using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.FaultInjection;

public sealed partial class FaultInjectionTests
{
    private const int GcKillRounds = 3;
    private const int OrphansPerRound = 2500;

    [Fact]
    public void Gc_SigkilledMidDelete_RegistryConsistentAndSecondGcFinishesTheJob()
    {
        var random = new Random(4242);
        var log = new RecordingLog();
        var killedWith = new List<int>();
        long blobsChecked = 0;
        for (var round = 0; round < GcKillRounds; round++)
        {
            using (var registry = LocalRegistry.Open(Root))
            {
                RecordCommitted(registry, $"example.com/gckill/r{round}:v1", random, log);
            }

            var orphans = WriteOrphans(round);
            var first = orphans.Select(d => d.Hex).Min(StringComparer.Ordinal)!;
            using (var gc = WorkerProcess.Start("gc-loop", Root, "1", "0s"))
            {
                // Sweeping visits candidates in digest order: once the first is gone, GC is deleting.
                var path = Path.Combine(Root, "blobs", "sha256", first);
                while (File.Exists(path) && gc.Lines.Count == 0)
                {
                    Thread.Sleep(1);
                }

                Thread.Sleep(random.Next(0, 30));
                gc.Kill();
                Assert.Empty(gc.Lines);
            }
            var left = orphans.Count(d => File.Exists(Path.Combine(Root, "blobs", "sha256", d.Hex)));
            Assert.InRange(left, 1, orphans.Count - 1);
            killedWith.Add(left);

            var audit = RegistryAudit.Check(Root, log, quick: false);
            Assert.Empty(audit.Lost);
            blobsChecked += audit.BlobsChecked;
            using (var registry = LocalRegistry.Open(Root))
            {
                var second = RegistryGc.Run(registry, new GcOptions { Delete = true, GracePeriod = TimeSpan.Zero });
                Assert.Equal(left, second.DeletedBlobs.Count(b => orphans.Contains(b.Digest)));
                Assert.Empty(RegistryGc.Run(registry, new GcOptions { GracePeriod = TimeSpan.Zero }).OrphanCandidates);
            }
            blobsChecked += RegistryAudit.Check(Root, log, quick: false).BlobsChecked;
        }

        tally.Add("gc_kills", GcKillRounds);
        tally.Add("blobs_checked", blobsChecked);
        tally.Add("lost", RegistryAudit.Check(Root, log, quick: true).Lost.Count);
        Report($"GC kills: {GcKillRounds} deleting GCs SIGKILLed with {string.Join(", ", killedWith)} of {OrphansPerRound} orphans left; "
            + $"a second GC deleted exactly those; {log.Committed.Count} committed Experiments and {blobsChecked} blobs verified");
    }

    /// <summary>Writes orphan blob files directly (valid names, no ref), as a crashed writer would leave them.</summary>
    private HashSet<Digest> WriteOrphans(int round)
    {
        var dir = Path.Combine(Root, "blobs", "sha256");
        var digests = new HashSet<Digest>();
        for (var i = 0; i < OrphansPerRound; i++)
        {
            var bytes = Encoding.UTF8.GetBytes($"orphan {round.ToString(CultureInfo.InvariantCulture)} {i.ToString(CultureInfo.InvariantCulture)}");
            var digest = Digest.Parse("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));
            File.WriteAllBytes(Path.Combine(dir, digest.Hex), bytes);
            digests.Add(digest);
        }

        return digests;
    }

    private static void RecordCommitted(LocalRegistry registry, string name, Random random, RecordingLog log)
    {
        using var experiment = Experiment.Create(registry, name);
        var lines = new List<string>();
        for (var r = 0; r < 3; r++)
        {
            using var run = experiment.Run();
            run.LogParameter("seed", (long)random.Next());
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            run.LogBytes("payload", "application/octet-stream", bytes);
            run.Finish();
            lines.Add($"closed {name} {run.Id}");
        }

        lines.Add($"committed {name} {experiment.Commit().Digest}");
        log.Read(lines);
    }
}
