using System.Globalization;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.FaultInjection;

public sealed partial class FaultInjectionTests
{
    private const int KillRounds = 25;
    private const int WorkersPerRound = 4;

    [Fact]
    public void Writers_Sigkilled100TimesAtRandomPoints_DoctorPassesAndNothingCommittedOrClosedIsLost()
    {
        var random = new Random(20261123);
        var log = new RecordingLog();
        var steps = new SortedDictionary<string, int>(StringComparer.Ordinal);
        long blobsChecked = 0;
        var kills = 0;
        var leftovers = 0;
        var lost = new List<string>();
        for (var round = 0; round < KillRounds; round++)
        {
            var workers = Enumerable.Range(0, WorkersPerRound)
                .Select(w => WorkerProcess.Start("experiment-loop", Root, $"k{round}-{w}", random.Next().ToString(CultureInfo.InvariantCulture), "100000"))
                .ToList();
            var roundLog = new RecordingLog();
            try
            {
                foreach (var worker in workers)
                {
                    worker.WaitForLines(1, TimeSpan.FromSeconds(60));
                    Thread.Sleep(random.Next(0, 200));
                    worker.Kill();
                    kills++;
                    Assert.Equal(string.Empty, worker.Errors);
                    var lines = worker.Lines.ToList();
                    var step = RecordingLog.LastStep(lines);
                    steps[step] = steps.GetValueOrDefault(step) + 1;
                    roundLog.Read(lines);
                    log.Read(lines);
                }
            }
            finally
            {
                workers.ForEach(w => w.Dispose());
            }

            // Half the rounds let a zero-grace GC find the dead writers first, half leave them to doctor --fix.
            if (round % 2 == 0)
            {
                using var registry = LocalRegistry.Open(Root);
                RegistryGc.Run(registry, new GcOptions { Delete = true, GracePeriod = TimeSpan.Zero });
            }

            var names = roundLog.Committed.Keys.Union(roundLog.ClosedRuns.Keys).ToHashSet(StringComparer.Ordinal);
            var audit = RegistryAudit.Check(Root, log, quick: true, names);
            blobsChecked += audit.BlobsChecked;
            leftovers += audit.LeftoversFixed;
            lost.AddRange(audit.Lost);
            if (round % 2 == 1)
            {
                using var registry = LocalRegistry.Open(Root);
                RegistryGc.Run(registry, new GcOptions { Delete = true, GracePeriod = TimeSpan.Zero });
            }
        }

        var final = RegistryAudit.Check(Root, log, quick: false);
        lost.AddRange(final.Lost);
        Assert.Empty(lost);
        Assert.Equal(KillRounds * WorkersPerRound, kills);

        tally.Add("kills", kills);
        tally.Add("blobs_checked", blobsChecked + final.BlobsChecked);
        tally.Add("experiments_verified", final.CommittedExperiments);
        tally.Add("lost", lost.Count);
        Report($"writer kills: {kills} SIGKILLs in {KillRounds} rounds of {WorkersPerRound}, last step before the kill: "
            + string.Join(", ", steps.Select(p => $"{p.Key} {p.Value}"))
            + $"; {log.Committed.Count} committed Experiments and {final.ClosedRuns} closed Runs verified, {leftovers} leftovers fixed by doctor, "
            + $"{blobsChecked + final.BlobsChecked} blobs checked, {lost.Count} lost");
    }
}
