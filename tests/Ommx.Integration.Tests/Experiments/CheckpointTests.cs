using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Listing;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Experiments;

public sealed class CheckpointTests : IDisposable
{
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    private ImageReference CheckpointRef(string name) => ImageNames.CheckpointReference(Registry.RegistryId, ImageReference.Parse(name));

    [Fact]
    public void FailedCheckpoint_HiddenFromListingsListedAsCheckpointLoadable()
    {
        const string name = "example.com/ckpt/will:fail";
        using var experiment = Experiment.Create(Registry, name);
        experiment.Run(run => run.LogParameter("x", 1));

        experiment.CommitFailedCheckpoint("ValueError: failed");

        Assert.Equal(ExperimentState.Checkpoint, experiment.State);
        Assert.Equal(ExperimentStatus.Failed, experiment.Status);
        Assert.Null(Registry.Resolve(ImageReference.Parse(name)));
        Assert.NotNull(Registry.Resolve(CheckpointRef(name)));
        Assert.Empty(ExperimentCatalog.List(Registry).Experiments);
        Assert.Empty(ArtifactCatalog.List(Registry).Artifacts);
        Assert.Equal([CheckpointRef(name).ToString()], ArtifactCatalog.List(Registry, includeInternal: true).Artifacts.Select(a => a.ImageName));
        var checkpoint = Assert.Single(ExperimentCatalog.ListCheckpoints(Registry, "example.com/ckpt/will").Checkpoints);
        Assert.Equal((name, ExperimentStatus.Failed, 1, 0), (checkpoint.RequestedImage!.ToString(), checkpoint.Status, checkpoint.RunCount, checkpoint.SolveCount));
        Assert.Empty(ExperimentCatalog.ListCheckpoints(Registry, statuses: [ExperimentStatus.Draft]).Checkpoints);
        Assert.Single(ExperimentCatalog.ListCheckpoints(Registry, statuses: [ExperimentStatus.Failed]).Checkpoints);
        Assert.Throws<ArgumentException>(() => ExperimentCatalog.ListCheckpoints(Registry, statuses: [ExperimentStatus.Finished]));

        var loaded = Experiment.Load(Registry, CheckpointRef(name).ToString());
        Assert.Equal((ExperimentStatus.Failed, "ValueError: failed"), (loaded.Status, loaded.LifecycleReason));
    }

    [Fact]
    public void FailedCheckpoint_RestoreKeepsRunsAnnotationsAndContinuesIds()
    {
        const string name = "example.com/ckpt/restore:v1";
        using (var experiment = Experiment.Create(Registry, name))
        {
            experiment.SetAnnotation("com.example.problem", "qap");
            experiment.Run(run => run.Fail("boom"));
            experiment.CommitFailedCheckpoint("ValueError: failed");
        }

        using var restored = Experiment.RestoreFromCheckpoint(Registry, name);

        Assert.Equal(ExperimentState.Unsealed, restored.State);
        Assert.Null(restored.Status);
        Assert.Equal("qap", restored.Annotations["com.example.problem"]);
        Assert.Equal(1UL, restored.Run().Id);
    }

    [Fact]
    public void DraftAutosave_EveryRunClose_RestorableAndCommitRemovesCheckpoint()
    {
        const string name = "example.com/ckpt/draft:v1";
        using (var experiment = Experiment.Create(Registry, name))
        {
            experiment.AutosavePolicy = AutosavePolicy.EveryRunClose();
            Assert.Null(Registry.Resolve(CheckpointRef(name)));
            experiment.Run(run => run.LogParameter("n", 0));
            var draft = Assert.Single(ExperimentCatalog.ListCheckpoints(Registry).Checkpoints);
            Assert.Equal((ExperimentStatus.Draft, 1), (draft.Status, draft.RunCount));
        }

        Assert.Throws<ExperimentFormatException>(() => Experiment.Load(Registry, CheckpointRef(name).ToString()));
        using var restored = Experiment.RestoreFromCheckpoint(Registry, name);
        Assert.Equal(1UL, restored.Run().Id);
    }

    [Fact]
    public void Journal_ProcessGoneWithoutCheckpoint_EveryClosedRunRestored()
    {
        const string name = "example.com/ckpt/journal:v1";
        using (var experiment = Experiment.Create(Registry, name))
        {
            experiment.AutosavePolicy = AutosavePolicy.Disabled();
            experiment.LogJson("dataset", new[] { 1, 2 });
            for (var i = 0; i < 5; i++)
            {
                experiment.Run(run =>
                {
                    run.LogParameter("i", i);
                    run.LogJson("payload", new { i });
                });
            }

            // Not committed: the handle is abandoned as if the process died.
            Assert.Null(Registry.Resolve(CheckpointRef(name)));
        }

        using var restored = Experiment.RestoreFromCheckpoint(Registry, name);

        Assert.Equal([0UL, 1UL, 2UL, 3UL, 4UL], restored.Runs.Select(r => r.Id));
        Assert.Equal(3L, restored.Runs[3].Parameters["i"].AsInt64());
        Assert.Equal(4, restored.Runs[4].GetJson("payload")!["i"]!.GetValue<int>());
        Assert.Equal(["dataset"], restored.AttachmentNames);
        restored.Run(run => run.LogParameter("i", 5));
        restored.Commit();
        var committed = Experiment.Load(Registry, name);
        Assert.Equal(6, committed.Runs.Count);
        Assert.DoesNotContain(ArtifactCatalog.List(Registry, includeInternal: true).Artifacts, a => a.ImageName.Contains(".ommx.local/", StringComparison.Ordinal));
    }

    [Fact]
    public void Journal_AfterDraftCompaction_RestoresDraftPlusLaterRuns()
    {
        const string name = "example.com/ckpt/compact:v1";
        using (var experiment = Experiment.Create(Registry, name))
        {
            experiment.AutosavePolicy = AutosavePolicy.EveryNRuns(2);
            for (var i = 0; i < 5; i++)
            {
                experiment.Run(run => run.LogParameter("i", i));
            }
        }

        var draft = Assert.Single(ExperimentCatalog.ListCheckpoints(Registry).Checkpoints);
        Assert.Equal(4, draft.RunCount);
        using var restored = Experiment.RestoreFromCheckpoint(Registry, name);
        Assert.Equal(5, restored.Runs.Count);
    }

    [Fact]
    public void Journal_GcWithNoGrace_KeepsJournalledPayloadsAndRestoreStillWorks()
    {
        const string name = "example.com/ckpt/gc:v1";
        using (var experiment = Experiment.Create(Registry, name))
        {
            experiment.AutosavePolicy = AutosavePolicy.Disabled();
            experiment.Run(run => run.LogJson("payload", new { kept = true }));
        }

        var report = Ommx.Integration.Experiments.RegistryGc.Run(Registry, new Ommx.Integration.Registry.Gc.GcOptions { GracePeriod = TimeSpan.Zero, Delete = true });

        Assert.Empty(report.DeletedBlobs);
        using var restored = Experiment.RestoreFromCheckpoint(Registry, name);
        Assert.True(restored.Runs.Single().GetJson("payload")!["kept"]!.GetValue<bool>());
    }

    [Fact]
    public void Journal_GcDryRun_ReportsNoMissingBlobForTheJournalRecordShape()
    {
        const string name = "example.com/ckpt/gc-missing:v1";
        using (var experiment = Experiment.Create(Registry, name))
        {
            experiment.AutosavePolicy = AutosavePolicy.Disabled();
            experiment.Run(run => run.LogJson("payload", new { kept = true }));
        }

        // The empty config `{}` a journal line names is the record's shape, never a stored blob.
        Assert.False(Registry.Blobs.Exists(MediaTypes.EmptyJsonDigest));

        var report = Ommx.Integration.Experiments.RegistryGc.Run(Registry, new Ommx.Integration.Registry.Gc.GcOptions());

        Assert.Empty(report.MissingBlobs);
        Assert.NotEmpty(report.ReachableBlobs);
    }

    [Fact]
    public void Journal_TornLastLine_IgnoredEarlierRunsRestored()
    {
        const string name = "example.com/ckpt/torn:v1";
        using (var experiment = Experiment.Create(Registry, name))
        {
            experiment.AutosavePolicy = AutosavePolicy.Disabled();
            experiment.Run(run => run.LogParameter("i", 0));
        }

        File.AppendAllText(Assert.Single(Ommx.Integration.Experiments.Format.RunJournalFiles.PathsFor(temp.Root, ImageReference.Parse(name))), "{\"artifactType\":\"appl");

        using var restored = Experiment.RestoreFromCheckpoint(Registry, name);
        Assert.Single(restored.Runs);
    }

    [Fact]
    public void EveryNRuns_Zero_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AutosavePolicy.EveryNRuns(0));

    [Fact]
    public void Restore_NoCheckpoint_ClearError()
    {
        var e = Assert.Throws<ArtifactNotFoundException>(() => Experiment.RestoreFromCheckpoint(Registry, "example.com/ckpt/none:v1"));
        Assert.StartsWith("No Experiment checkpoint found for requested image example.com/ckpt/none:v1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InterruptedCheckpoint_RecordsReasonAndOpenRunsAreNotIncluded()
    {
        const string name = "example.com/ckpt/interrupted:v1";
        using var experiment = Experiment.Create(Registry, name);
        experiment.Run(run => run.LogParameter("done", true));
        var open = experiment.Run();
        open.LogParameter("half", true);

        experiment.CommitInterruptedCheckpoint("host crashed while running Tests.Slow");

        var checkpoint = Assert.Single(ExperimentCatalog.ListCheckpoints(Registry).Checkpoints);
        Assert.Equal((ExperimentStatus.Interrupted, 1), (checkpoint.Status, checkpoint.RunCount));
        Assert.Equal("host crashed while running Tests.Slow", Experiment.Load(Registry, checkpoint.ImageName).LifecycleReason);
    }

    [Fact]
    public void Rename_WithDraft_MovesCheckpointToNewName()
    {
        using var experiment = Experiment.Create(Registry, "example.com/ckpt/before:v1");
        experiment.AutosavePolicy = AutosavePolicy.EveryRunClose();
        experiment.Run(run => run.LogParameter("x", 1));

        experiment.Rename("example.com/ckpt/after:v1");

        Assert.Null(Registry.Resolve(CheckpointRef("example.com/ckpt/before:v1")));
        Assert.NotNull(Registry.Resolve(CheckpointRef("example.com/ckpt/after:v1")));
        using var restored = Experiment.RestoreFromCheckpoint(Registry, "example.com/ckpt/after:v1");
        Assert.Single(restored.Runs);
    }

    [Fact]
    public void ListExperiments_CountsAndPrefix()
    {
        using (var a = Experiment.Create(Registry, "example.com/study_a/experiment:latest"))
        {
            a.SetAnnotation("com.example.problem", "qap");
            a.Run(run => run.LogParameter("x", 1));
            a.Commit();
        }

        using (var b = Experiment.Create(Registry, "example.com/studyx/experiment:latest"))
        {
            b.Commit();
        }

        temp.Commit("example.com/study_a/plain:latest", "p"u8.ToArray());

        var (records, warnings) = ExperimentCatalog.List(Registry, "example.com/study_a");
        var record = Assert.Single(records);
        Assert.Empty(warnings);
        Assert.Equal((ExperimentStatus.Finished, 1, 0, 0), (record.Status, record.RunCount, record.SolveCount, record.SamplingCount));
        Assert.Equal("qap", record.Annotations["com.example.problem"]);
        Assert.Single(ExperimentCatalog.List(Registry, "example.com/study_a/experiment:lat").Experiments);
        Assert.Equal(2, ExperimentCatalog.List(Registry, "example.com/study").Experiments.Count);
    }

    public void Dispose() => temp.Dispose();
}
