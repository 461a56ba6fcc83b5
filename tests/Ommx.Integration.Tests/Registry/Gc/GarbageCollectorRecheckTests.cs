using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;
using Ommx.Integration.Registry.Leases;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.Gc;

/// <summary>
/// The sweep's re-check under <c>blobs/.lock</c>: what a writer leases, publishes or journals after the mark
/// phase — here, from a second registry instance just before a batch — must not be deleted.
/// </summary>
public sealed class GarbageCollectorRecheckTests : IDisposable
{
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Fact]
    public void Sweep_RefPublishedAfterMark_WholeClosureRescued()
    {
        using var writer = temp.OpenAnother();
        var manifest = TempRegistry.StoreArtifact(writer, ["late layer"u8.ToArray()]);
        var unrelated = writer.Blobs.Put("really unreferenced"u8);

        var report = RegistryGc.Run(Registry, ZeroGrace(batch => writer.Publish(ImageReference.Parse("example.com/late/publish:v1"), manifest.Digest)));

        var rescued = report.RescuedBlobs.Select(b => b.Digest).ToHashSet();
        Assert.Contains(manifest.Digest, rescued);
        Assert.Contains(Digest.Compute("late layer"u8), rescued);
        Assert.Contains(report.DeletedBlobs, b => b.Digest == unrelated);
        Assert.True(Registry.Blobs.Exists(Digest.Compute("late layer"u8)));
    }

    [Fact]
    public void Sweep_LeaseRegisteredAfterMark_BlobRescued()
    {
        using var writer = temp.OpenAnother();
        var orphan = writer.Blobs.Put("about to be reused"u8);
        using var lease = writer.AcquireLease(LeaseKind.Pull, "example.com/late/lease:v1");

        var report = RegistryGc.Run(Registry, ZeroGrace(_ => lease.Register(orphan)));

        Assert.Equal([orphan], report.RescuedBlobs.Select(b => b.Digest));
        Assert.Empty(report.DeletedBlobs);
        Assert.True(Registry.Blobs.Exists(orphan));
    }

    [Fact]
    public void Sweep_RunJournalledAfterMark_PayloadRescued()
    {
        using var writer = temp.OpenAnother();
        var payload = writer.Blobs.Put("journalled after the mark"u8);
        var requested = ImageReference.Parse("example.com/late/journal:v1");

        // A journal line naming the blob appears between mark and sweep (written the way a Run close writes it).
        var report = RegistryGc.Run(Registry, ZeroGrace(_ =>
        {
            var delta = new ExperimentContent();
            var run = new RunRecord { Id = 0 };
            run.Attachments["late.txt"] = new Attachment(new Descriptor(MediaTypes.OctetStream, payload, 25) { Annotations = new Dictionary<string, string>() }, null);
            delta.Runs[0] = run;
            using var journal = new ExperimentJournal(writer, requested, "writer1");
            journal.Append(delta);
        }));

        Assert.Equal([payload], report.RescuedBlobs.Select(b => b.Digest));
        Assert.True(Registry.Blobs.Exists(payload));
    }

    private static GcOptions ZeroGrace(Action<int> beforeBatch) => new()
    {
        Delete = true,
        GracePeriod = TimeSpan.Zero,
        BeforeSweepBatch = beforeBatch,
    };

    public void Dispose() => temp.Dispose();
}
