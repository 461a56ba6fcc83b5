using Ommx.Integration.Doctor;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.FaultInjection;

public sealed partial class FaultInjectionTests
{
    private const int DiskBytes = 6 << 20;
    private const int BallastBytes = 1 << 20;
    private const int ChunkBytes = 256 << 10;

    [SmallFileSystemFact]
    public void DiskFull_WhileRecording_StorageFullExceptionNamesTheDiskAndNothingCommittedIsLost()
    {
        using var disk = SmallFileSystem.Mount(temp.Combine("small-disk"), DiskBytes);
        var root = Path.Combine(disk.Path, "registry");
        var ballast = Path.Combine(disk.Path, "ballast.bin");
        File.WriteAllBytes(ballast, new byte[BallastBytes]);
        var random = new Random(31337);
        var log = new RecordingLog();
        StorageFullException? full = null;
        var closedBeforeFull = 0;
        using (var registry = LocalRegistry.Open(root))
        {
            RecordCommitted(registry, "example.com/full/kept:v1", random, log);
            using var experiment = Experiment.Create(registry, "example.com/full/filling:v1");
            experiment.AutosavePolicy = AutosavePolicy.Disabled();
            var lines = new List<string>();
            for (var r = 0; r < 4 * DiskBytes / ChunkBytes && full is null; r++)
            {
                try
                {
                    var run = experiment.Run();
                    var chunk = new byte[ChunkBytes];
                    random.NextBytes(chunk);
                    run.LogBytes("chunk", "application/octet-stream", chunk);
                    run.Finish();
                    lines.Add($"closed example.com/full/filling:v1 {run.Id}");
                }
                catch (StorageFullException e)
                {
                    full = e;
                }
            }

            log.Read(lines);
            closedBeforeFull = lines.Count;
            Assert.NotNull(full);
            Assert.Equal(disk.Path, full.MountPoint);
            Assert.Contains("No space left on the disk", full.Message, StringComparison.Ordinal);
            Assert.Contains(disk.Path, full.Message, StringComparison.Ordinal);
            Assert.Contains(root, full.Path, StringComparison.Ordinal);
            Assert.True(closedBeforeFull > 0);
        }

        // Still full: the registry is consistent and nothing is left half-written.
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "blobs", "sha256"), ".blob-*"));
        Assert.DoesNotContain(RegistryAudit.Doctor(root, fix: false, quick: false), p => p.Kind != DoctorProblemKind.StaleDraft);

        // Freed: every committed Experiment and every closed Run is there, and recording carries on.
        File.Delete(ballast);
        var audit = RegistryAudit.Check(root, log, quick: false);
        Assert.Empty(audit.Lost);
        using (var registry = LocalRegistry.Open(root))
        {
            using var resumed = Experiment.RestoreFromCheckpoint(registry, "example.com/full/filling:v1");
            Assert.Equal(closedBeforeFull, resumed.Runs.Count);
            resumed.Commit();
        }

        tally.Add("disk_full_errors", 1);
        tally.Add("blobs_checked", audit.BlobsChecked);
        tally.Add("lost", audit.Lost.Count);
        Report($"disk full ({disk.Kind}, {DiskBytes >> 20} MiB): {full!.GetType().Name} after {closedBeforeFull} Runs of {ChunkBytes >> 10} KiB: \"{full.Message}\"; "
            + $"{audit.BlobsChecked} blobs verified, {audit.Lost.Count} lost");
    }
}
