using System.Globalization;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.FaultInjection;

public sealed partial class FaultInjectionTests
{
    private const int RaceWriters = 3;
    private const int RaceExperimentsPerWriter = 60;
    private const int RaceMaxGcIterations = 5000;

    [Fact]
    public void WritersAndZeroGraceGc_Concurrent_NothingLiveDeletedAndNoWriterSawAMissingBlob()
    {
        var stopFile = temp.Combine("gc.stop");
        using var gc = WorkerProcess.Start("gc-loop", Root, RaceMaxGcIterations.ToString(CultureInfo.InvariantCulture), "0s", stopFile);
        var writers = Enumerable.Range(1, RaceWriters)
            .Select(w => WorkerProcess.Start("experiment-loop", Root, $"race{w}", (7000 + w).ToString(CultureInfo.InvariantCulture), RaceExperimentsPerWriter.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        try
        {
            foreach (var writer in writers)
            {
                Assert.Equal(0, writer.WaitForExit(TimeSpan.FromMinutes(2)));
            }

            var gcDuringWriters = gc.Lines.Count;
            File.WriteAllText(stopFile, "writers done");
            Assert.Equal(0, gc.WaitForExit(TimeSpan.FromMinutes(1)));
            Assert.Equal(string.Empty, string.Concat(writers.Select(w => w.Errors)) + gc.Errors);

            var log = new RecordingLog();
            writers.ForEach(w => log.Read(w.Lines));
            var passes = gc.Lines.Select(l => l.Split(' ')).ToList();
            var deleted = passes.Sum(p => int.Parse(p[3], CultureInfo.InvariantCulture));
            var rescued = passes.Sum(p => int.Parse(p[7], CultureInfo.InvariantCulture));
            Assert.True(gcDuringWriters >= 5, $"only {gcDuringWriters} GC passes overlapped the writers");
            Assert.True(deleted > 0, "GC never deleted anything: the race was not exercised");
            Assert.Equal(RaceWriters * RaceExperimentsPerWriter, log.Committed.Count + writers.Sum(w => w.Lines.Count(l => l.StartsWith("abandoned ", StringComparison.Ordinal))));

            var audit = RegistryAudit.Check(Root, log, quick: false);
            Assert.Empty(audit.Lost);

            tally.Add("race_gc_passes", passes.Count);
            tally.Add("race_blobs_deleted", deleted);
            tally.Add("blobs_checked", audit.BlobsChecked);
            tally.Add("experiments_verified", audit.CommittedExperiments);
            tally.Add("lost", audit.Lost.Count);
            Report($"GC race: {RaceWriters} writers x {RaceExperimentsPerWriter} Experiments, {passes.Count} zero-grace GC passes ({gcDuringWriters} while writing), "
                + $"{deleted} blobs deleted, {rescued} rescued by the re-check, {log.Committed.Count} committed + {log.Checkpoints} checkpoints, "
                + $"{audit.ClosedRuns} closed Runs and {audit.BlobsChecked} blobs verified, {audit.Lost.Count} lost");
        }
        finally
        {
            writers.ForEach(w => w.Dispose());
        }
    }
}
