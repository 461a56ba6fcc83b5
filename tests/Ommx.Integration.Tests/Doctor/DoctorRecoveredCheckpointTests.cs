using Ommx.Integration.Doctor;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Tests.Doctor;

/// <summary>
/// <c>doctor --fix</c> turns a stale draft into an interrupted checkpoint, and reports success only when what it
/// published opens: every blob of the new checkpoint's closure present and intact.
/// </summary>
public sealed class DoctorRecoveredCheckpointTests : IDisposable
{
    private const string Image = "example.com/team/abandoned:v1";
    private static readonly byte[] Output = "output of run 0"u8.ToArray();
    private readonly TempRegistry temp = new();

    public DoctorRecoveredCheckpointTests()
    {
        using var experiment = Experiment.Create(temp.Registry, Image);
        experiment.DurableRuns = false;
        experiment.Run(run => run.LogBytes("output.bin", "application/octet-stream", Output));
        experiment.Checkpoint();
    }

    [Fact]
    public void Fix_StaleDraftWithAllBlobs_PublishesAnInterruptedCheckpointAndReportsItFixed()
    {
        var report = RegistryDoctor.Run(temp.Registry, new DoctorOptions { Fix = true, StaleAfter = TimeSpan.Zero });

        var problem = Assert.Single(report.Problems, p => p.Kind == DoctorProblemKind.StaleDraft);
        Assert.True(problem.Fixed, problem.FixError);
        using var restored = Experiment.RestoreFromCheckpoint(temp.Registry, Image);
        Assert.Single(restored.Runs);
    }

    [Fact]
    public void Fix_StaleDraftWhoseAttachmentBlobIsMissing_IsNotReportedFixed()
    {
        File.Delete(temp.Registry.Blobs.PathFor(Digest.Compute(Output)));

        var report = RegistryDoctor.Run(temp.Registry, new DoctorOptions { Fix = true, StaleAfter = TimeSpan.Zero });

        var problem = Assert.Single(report.Problems, p => p.Kind == DoctorProblemKind.StaleDraft);
        Assert.False(problem.Fixed);
        Assert.Contains(Digest.Compute(Output).ToString(), problem.FixError, StringComparison.Ordinal);
        Assert.False(report.Healthy);
    }

    public void Dispose() => temp.Dispose();
}
