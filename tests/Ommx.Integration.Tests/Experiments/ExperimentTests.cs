using System.Text;
using System.Text.Json.Nodes;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Experiments;

public sealed class ExperimentTests : IDisposable
{
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Fact]
    public void Commit_RunsWithParametersAndJson_LoadsBackIdentically()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/basic:v1");
        experiment.SetAnnotation("com.example.problem", "qap");
        experiment.LogJson("dataset", new { size = 3 });
        experiment.Run(run =>
        {
            run.LogParameter("solver", "scip");
            run.LogParameter("time_limit", 10.0);
            run.LogParameter("time_limit", 20.0);
            run.LogJson("candidate", new JsonObject { ["x"] = 1 });
        });
        experiment.Run(run =>
        {
            run.LogParameter("solver", "highs");
            run.LogParameter("presolve", true);
        });

        var manifest = experiment.Commit();

        Assert.Equal(ExperimentState.Sealed, experiment.State);
        Assert.Equal(ExperimentStatus.Finished, experiment.Status);
        var loaded = Experiment.Load(Registry, "example.com/exp/basic:v1");
        Assert.Equal(manifest.Digest, loaded.Manifest!.Digest);
        Assert.Equal(["dataset"], loaded.AttachmentNames);
        Assert.Equal(3, loaded.GetJson("dataset")!["size"]!.GetValue<int>());
        Assert.Equal([0UL, 1UL], loaded.Runs.Select(r => r.Id));
        Assert.Equal(20.0, loaded.Runs[0].Parameters["time_limit"].AsDouble());
        Assert.True(loaded.Runs[1].Parameters["presolve"].AsBool());
        Assert.Equal("qap", loaded.Annotations["com.example.problem"]);
        Assert.Equal(1, loaded.Runs[0].GetJson("candidate")!["x"]!.GetValue<int>());
        Assert.Equal(
            "       solver  time_limit  presolve\nrun_id\n0        scip        20.0      <NA>\n1       highs        <NA>      True",
            loaded.RenderRunParameters());
    }

    [Fact]
    public void Commit_ManifestAndConfig_FollowOmmxLayout()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/layout:v1");
        experiment.LogJson("dataset", 1);
        experiment.Run(run => run.LogJson("candidate", 2));
        var descriptor = experiment.Commit();

        var stored = Registry.ReadManifest(descriptor.Digest);
        var manifest = stored.Manifest;
        Assert.Equal(MediaTypes.OmmxExperiment, manifest.ArtifactType);
        Assert.Null(manifest.MediaType);
        Assert.Null(manifest.Annotations);
        Assert.Equal(MediaTypes.ExperimentConfig, manifest.Config.MediaType);
        Assert.Null(manifest.Config.Annotations);
        Assert.Equal([MediaTypes.Json, MediaTypes.Json, MediaTypes.RunParameters], manifest.Layers.Select(l => l.MediaType));
        Assert.All(manifest.Layers, l => Assert.Empty(l.Annotations!));
        var config = Encoding.UTF8.GetString(Registry.Blobs.Read(manifest.Config));
        Assert.Equal(
            "{\"status\":\"finished\",\"attachments\":{\"entries\":{\"dataset\":0}},\"runs\":[{\"run_id\":0,\"status\":\"finished\",\"attachments\":{\"entries\":{\"candidate\":1}},\"solves\":[],\"samplings\":[]}],\"run_parameters\":2}",
            config);
        Assert.Null(Registry.Resolve(ImageNames.CheckpointReference(Registry.RegistryId, ImageReference.Parse("example.com/exp/layout:v1"))));
    }

    [Fact]
    public void Create_NoName_AnonymousExperimentName()
    {
        using var experiment = Experiment.Create(Registry);
        experiment.Commit();

        Assert.True(ImageNames.IsAnonymousRepositoryKey(experiment.ImageName.RepositoryKey, includeExperiments: true));
        Assert.EndsWith(".ommx.local/experiment", experiment.ImageName.RepositoryKey, StringComparison.Ordinal);
        Assert.True(ImageNames.IsAnonymousTag(experiment.ImageName.Reference));
        Assert.NotNull(Registry.Resolve(experiment.ImageName));
    }

    [Fact]
    public void Run_BodyThrows_RecordedFailedWithNormalisedReasonAndRethrown()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/fail:v1");

        var e = Assert.Throws<InvalidOperationException>(() => experiment.Run(run =>
        {
            run.LogParameter("k", 1);
            throw new InvalidOperationException("solver   process\n exited");
        }));
        Assert.Throws<OperationCanceledException>(() => experiment.Run(run => throw new OperationCanceledException()));

        Assert.Equal("solver   process\n exited", e.Message);
        var runs = experiment.Runs;
        Assert.Equal(RunStatus.Failed, runs[0].Status);
        Assert.Equal("InvalidOperationException: solver process exited", runs[0].LifecycleReason);
        Assert.Equal(RunStatus.Interrupted, runs[1].Status);
        Assert.Equal(1L, runs[0].Parameters["k"].AsInt64());
    }

    [Fact]
    public void Run_Disposed_WithoutOutcome_IsFinished()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/dispose:v1");
        using (var run = experiment.Run())
        {
            run.LogParameter("x", 1.5);
        }

        Assert.Equal(RunStatus.Finished, experiment.Runs.Single().Status);
    }

    [Fact]
    public async Task RunAsync_Cancelled_RecordedInterrupted()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/cancel:v1");

        await Assert.ThrowsAsync<TaskCanceledException>(() => experiment.RunAsync(async run =>
        {
            await Task.Yield();
            throw new TaskCanceledException();
        }));

        Assert.Equal(RunStatus.Interrupted, experiment.Runs.Single().Status);
    }

    [Fact]
    public void LogOnClosedRun_Refused()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/closed:v1");
        var run = experiment.Run();
        run.Finish();

        Assert.Throws<ExperimentStateException>(() => run.LogParameter("late", 1));
        Assert.Throws<ExperimentStateException>(() => run.LogJson("late", 1));
        Assert.Throws<ExperimentStateException>(() => run.Finish());
        Assert.Empty(experiment.Runs.Single().Parameters);
    }

    [Fact]
    public void LogOnCommittedExperiment_Refused()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/sealed:v1");
        experiment.Commit();

        Assert.Equal("Sealed Experiment is read-only", Assert.Throws<ExperimentStateException>(() => experiment.Run()).Message);
        Assert.Throws<ExperimentStateException>(() => experiment.LogJson("x", 1));
        Assert.Throws<ExperimentStateException>(() => experiment.Commit());
    }

    [Fact]
    public void DuplicateAttachmentName_RefusedBeforeBlobIsStored()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/dup:v1");
        experiment.LogJson("same", 1);
        using var run = experiment.Run();
        run.LogJson("same", 1);

        Assert.Equal("Attachment `same` already exists", Assert.Throws<ExperimentStateException>(() => experiment.LogBytes("same", "text/plain", "other"u8)).Message);
        Assert.Throws<ExperimentStateException>(() => run.LogBytes("same", "text/plain", "other"u8));
        Assert.False(Registry.Blobs.Exists(Digest.Compute("other"u8)));
    }

    [Fact]
    public void LogFile_StreamsStoresBasenameAndSniffsPng()
    {
        var path = temp.Scratch.Combine("source.png");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        using var experiment = Experiment.Create(Registry, "example.com/exp/file:v1");
        experiment.Run(run =>
        {
            run.LogFile("source-file", path);
            run.LogFile("named", path, MediaTypes.Json, filename: "input.json");
        });
        experiment.Commit();

        var loaded = Experiment.Load(Registry, "example.com/exp/file:v1").Runs[0];
        Assert.Equal("image/png", loaded.AttachmentMediaType("source-file"));
        Assert.Equal("source.png", loaded.Attachment("source-file").Filename);
        Assert.Equal("input.json", loaded.Attachment("named").Filename);
        Assert.Equal(File.ReadAllBytes(path), loaded.GetAttachmentBytes("source-file"));
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("a/b", "must be a basename")]
    [InlineData("..", "must not be `.` or `..`")]
    public void LogFile_InvalidFilename_Refused(string filename, string message)
    {
        var path = temp.Scratch.Combine("f.bin");
        File.WriteAllText(path, "x");
        using var experiment = Experiment.Create(Registry, "example.com/exp/fname:v1");
        using var run = experiment.Run();

        var e = Assert.Throws<ExperimentFormatException>(() => run.LogFile("f", path, filename: filename));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogBytes_Zstd_StoredCompressedReadBackLogical()
    {
        var payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":1}", 200)));
        using var experiment = Experiment.Create(Registry, "example.com/exp/zstd:v1");
        experiment.Run(run =>
        {
            run.LogBytes("json", MediaTypes.Json, payload, AttachmentCompression.Zstd);
            run.LogBytes("already", "application/vnd.example+zstd", "raw"u8);
            run.LogBytes("double", "application/vnd.example+zstd", "raw2"u8, AttachmentCompression.Zstd);
        });
        experiment.Commit();

        var run = Experiment.Load(Registry, "example.com/exp/zstd:v1").Runs[0];
        Assert.Equal("application/json+zstd", run.Attachment("json").Stored.MediaType);
        Assert.Equal("zstd", run.Attachment("json").Stored.Annotations![Attachment.CompressionAnnotation]);
        Assert.True(run.Attachment("json").Stored.Size < payload.Length);
        Assert.Equal(MediaTypes.Json, run.AttachmentMediaType("json"));
        Assert.Equal(payload, run.GetAttachmentBytes("json"));
        Assert.Equal("application/vnd.example+zstd", run.AttachmentMediaType("already"));
        Assert.Equal("raw"u8.ToArray(), run.GetAttachmentBytes("already"));
        Assert.Equal("application/vnd.example+zstd+zstd", run.Attachment("double").Stored.MediaType);
        Assert.Equal("application/vnd.example+zstd", run.AttachmentMediaType("double"));
    }

    [Fact]
    public void LogParameter_TypeConflictsWithColumn_RefusedAtTheCallAndCommitSucceeds()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/mixed:v1");
        experiment.Run(run => run.LogParameter("seed", 1));
        using var second = experiment.Run();

        var e = Assert.Throws<RunParameterTypeException>(() => second.LogParameter("seed", "x"));
        second.LogParameter("seed", 2.5);
        second.Finish();

        Assert.Contains("`seed` is a int64 column", e.Message, StringComparison.Ordinal);
        experiment.Commit();
        Assert.Equal(ExperimentState.Sealed, experiment.State);
        Assert.Equal(RunParameterKind.Float64, experiment.RunParameters.ColumnType("seed"));
        Assert.Equal([1L], experiment.Runs.Take(1).Select(r => r.Parameters["seed"].AsInt64()));
    }

    [Fact]
    public void LogParameter_TypeConflictWithHandler_ReportedDroppedAndCommitSucceeds()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/mixed:v2");
        var reported = new List<OmmxException>();
        experiment.RecordingErrorHandler = reported.Add;
        experiment.Run(run => run.LogParameter("flag", true));
        experiment.Run(run =>
        {
            run.LogParameter("flag", 7);
            run.LogParameter("other", "kept");
        });

        experiment.Commit();

        Assert.IsType<RunParameterTypeException>(Assert.Single(reported));
        var runs = experiment.Runs.ToList();
        Assert.True(runs[0].Parameters["flag"].AsBool());
        Assert.False(runs[1].Parameters.ContainsKey("flag"));
        Assert.Equal("kept", runs[1].Parameters["other"].AsString());
    }

    [Fact]
    public void LogParameter_RestoredExperiment_KeepsTheColumnTypesOfItsRuns()
    {
        using (var first = Experiment.Create(Registry, "example.com/exp/mixed:v3"))
        {
            first.Run(run => run.LogParameter("seed", 1));
        }

        using var restored = Experiment.RestoreFromCheckpoint(Registry, "example.com/exp/mixed:v3");
        using var run = restored.Run();

        Assert.Throws<RunParameterTypeException>(() => run.LogParameter("seed", "x"));
    }

    [Fact]
    public void Commit_NameTakenByOtherManifest_RefusedSayingSo()
    {
        temp.Commit("example.com/exp/taken:v1", "other"u8.ToArray());
        using var experiment = Experiment.Create(Registry, "example.com/exp/taken:v1");

        var e = Assert.Throws<RefConflictException>(() => experiment.Commit());

        Assert.Contains("already points to", e.Message, StringComparison.Ordinal);
        Assert.Contains("experiment manifest sha256:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_WithOpenRun_Refused()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/open:v1");
        var run = experiment.Run();

        Assert.Equal("Cannot commit Experiment while 1 Run handle(s) are still open", Assert.Throws<ExperimentStateException>(() => experiment.Commit()).Message);
        run.Finish();
        experiment.Commit();
    }

    [Theory]
    [InlineData("org.ommx.v1.reserved")]
    [InlineData("org.ommx.anything")]
    public void SetAnnotation_OmmxKey_Refused(string key)
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/annot:v1");
        var e = Assert.Throws<ArgumentException>(() => experiment.SetAnnotation(key, "x"));
        Assert.Contains("reserved for OMMX metadata", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fork_SubjectIsParentRunIdsContinueAnnotationsNotInherited()
    {
        using var parent = Experiment.Create(Registry, "example.com/exp/parent:v1");
        parent.SetAnnotation("com.example.k", "v");
        parent.Run(run => run.LogParameter("base", 1));
        var parentManifest = parent.Commit();

        using var child = parent.Fork("example.com/exp/child:v1");
        child.Run(run => run.LogParameter("child", 2));
        var childManifest = child.Commit();

        var stored = Registry.ReadManifest(childManifest.Digest).Manifest;
        Assert.Equal(parentManifest.Digest, stored.Subject!.Digest);
        Assert.Equal(MediaTypes.ImageManifest, stored.Subject.MediaType);
        Assert.Null(stored.Annotations);
        Assert.Equal([0UL, 1UL], Experiment.Load(Registry, "example.com/exp/child:v1").Runs.Select(r => r.Id));
        Assert.Single(Experiment.Load(Registry, "example.com/exp/parent:v1").Runs);
    }

    [Fact]
    public void Fork_Unsealed_Refused()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/unsealed:v1");
        Assert.Equal("Experiment must be committed before accessing this view", Assert.Throws<ExperimentStateException>(() => experiment.Fork()).Message);
    }

    [Fact]
    public void SaveAndImportArchive_RoundTripIntoAnotherRegistry()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/save:v1");
        experiment.LogJson("dataset", 1);
        experiment.Run(run => run.LogParameter("x", 1));
        var manifest = experiment.Commit();
        var path = temp.Scratch.Combine("exp.ommx");
        experiment.Save(path);

        using var other = LocalRegistry.Open(temp.Scratch.Combine("other"));
        var imported = Experiment.ImportArchive(other, path);

        Assert.Equal(manifest.Digest, imported.Manifest!.Digest);
        Assert.Equal(["dataset"], imported.AttachmentNames);
        Assert.Single(imported.Runs);
    }

    [Fact]
    public void Rename_BeforeCommit_PublishesOnlyNewName()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/old:v1");
        experiment.Run(run => run.LogParameter("x", 1));
        experiment.Rename("example.com/exp/new:v1");
        experiment.Commit();

        Assert.Null(Registry.Resolve(ImageReference.Parse("example.com/exp/old:v1")));
        Assert.NotNull(Registry.Resolve(ImageReference.Parse("example.com/exp/new:v1")));
    }

    [Fact]
    public void Rename_AfterCommit_AddsAliasToSameManifest()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/first:v1");
        var manifest = experiment.Commit();
        experiment.Rename("example.com/exp/alias:v1");

        Assert.Equal(manifest.Digest, Registry.Resolve(ImageReference.Parse("example.com/exp/alias:v1")));
        Assert.Equal(manifest.Digest, Registry.Resolve(ImageReference.Parse("example.com/exp/first:v1")));
    }

    [Fact]
    public void Load_NonExperimentArtifact_Refused()
    {
        temp.Commit("example.com/exp/plain:v1", "x"u8.ToArray());
        var e = Assert.Throws<ExperimentFormatException>(() => Experiment.Load(Registry, "example.com/exp/plain:v1"));
        Assert.Contains("Experiment artifact type is application/org.ommx.v1.artifact", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingAttachment_KeyNotFound()
    {
        using var experiment = Experiment.Create(Registry, "example.com/exp/missing:v1");
        experiment.Commit();
        Assert.Equal("missing", Assert.Throws<KeyNotFoundException>(() => experiment.GetAttachmentBytes("missing")).Message);
    }

    public void Dispose() => temp.Dispose();
}
