using Ommx.Integration.Experiments;
using Ommx.Integration.MSBuild.Tests.TestSupport;
using Ommx.Integration.Oci;

namespace Ommx.Integration.MSBuild.Tests.Tasks;

/// <summary>OmmxGc, OmmxPruneAnonymous and OmmxListExperiments map the services' reports to messages, warnings and OMMX errors.</summary>
public sealed class MaintenanceTasksTests : IDisposable
{
    private readonly TempRegistry temp = new();
    private readonly RecordingBuildEngine engine = new();

    [Fact]
    public void Gc_RefWhoseManifestIsMissing_ErrorOMMX2004AndNothingDeleted()
    {
        var manifest = temp.Commit("example.com/team/held:v1", "layer"u8.ToArray());
        var orphan = temp.Registry.Blobs.Put("orphan kept while held"u8.ToArray());
        File.Delete(temp.Registry.Blobs.PathFor(manifest.Digest));
        var gc = new OmmxGc { BuildEngine = engine, LocalRegistryRoot = temp.Root, GracePeriod = "0s", Delete = true };

        Assert.False(gc.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("OMMX2004", error.Code);
        Assert.Contains("no blob was deleted", error.Message, StringComparison.Ordinal);
        Assert.Contains("example.com/team/held:v1", error.Message, StringComparison.Ordinal);
        Assert.True(temp.Registry.Blobs.Exists(orphan));
    }

    [Fact]
    public void Gc_DeleteWithOrphan_ReportsTheDeletionAndRemovesIt()
    {
        var orphan = temp.Registry.Blobs.Put([7, 7, 7]);
        var gc = new OmmxGc { BuildEngine = engine, LocalRegistryRoot = temp.Root, GracePeriod = "0s", Delete = true, ShowDigests = true };

        Assert.True(gc.Execute());

        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        Assert.Contains(engine.HighImportanceLines, l => l.StartsWith("Deleted 1 orphan blob(s)", StringComparison.Ordinal));
        Assert.Contains(engine.HighImportanceLines, l => l.Contains(orphan.ToString(), StringComparison.Ordinal));
        Assert.False(temp.Registry.Blobs.Exists(orphan));
    }

    [Fact]
    public void AnyTask_RootThatIsNotAPath_ErrorWithTheTasksOwnCode()
    {
        var tasks = new OmmxTask[]
        {
            new OmmxGc { BuildEngine = engine, LocalRegistryRoot = "bad\0root" },
            new OmmxListExperiments { BuildEngine = engine, LocalRegistryRoot = "bad\0root" },
            new OmmxPruneAnonymous { BuildEngine = engine, LocalRegistryRoot = "bad\0root" },
        };

        Assert.All(tasks, t => Assert.False(t.Execute()));

        Assert.Equal(["OMMX2001", "OMMX2003", "OMMX2002"], engine.Errors.Select(e => e.Code));
    }

    [Theory]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(NullReferenceException))]
    [InlineData(typeof(NotSupportedException))]
    public void AnyTask_ExceptionNothingForesaw_ErrorOMMX9002NamingItNeverTaskFailedUnexpectedly(Type exception)
    {
        var task = new ThrowingTask((Exception)Activator.CreateInstance(exception, "the unforeseen")!) { BuildEngine = engine };

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("OMMX9002", error.Code);
        Assert.Contains(exception.FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("the unforeseen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prune_DryRunThenDelete_ListsCandidatesThenPrintsRestoreLines()
    {
        var image = ImageNames.NewAnonymous(temp.Registry.RegistryId, ImageNames.AnonymousRepository);
        var manifest = temp.Commit(image.ToString(), "anonymous payload"u8.ToArray());

        Assert.True(new OmmxPruneAnonymous { BuildEngine = engine, LocalRegistryRoot = temp.Root }.Execute());
        Assert.Contains(engine.HighImportanceLines, l => l.StartsWith("1 anonymous ref(s) would be removed", StringComparison.Ordinal));
        Assert.NotNull(temp.Registry.Resolve(image));

        Assert.True(new OmmxPruneAnonymous { BuildEngine = engine, LocalRegistryRoot = temp.Root, Delete = true }.Execute());
        var restore = Assert.Single(engine.HighImportanceLines, l => l.Contains("ommx restore-ref", StringComparison.Ordinal));
        Assert.Contains(manifest.Digest.ToString(), restore, StringComparison.Ordinal);
        Assert.Contains("--root", restore, StringComparison.Ordinal);
        Assert.Null(temp.Registry.Resolve(image));
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void ListExperiments_OneCommitted_OneAlignedLineWithStatusAndCounts()
    {
        using (var experiment = Experiment.Create(temp.Registry, "example.com/team/listed:v1"))
        {
            experiment.Run(run => run.LogParameter("solver", "scip"));
            experiment.Commit();
        }

        Assert.True(new OmmxListExperiments { BuildEngine = engine, LocalRegistryRoot = temp.Root }.Execute());

        var line = Assert.Single(engine.HighImportanceLines);
        Assert.StartsWith("example.com/team/listed:v1  finished  1 run(s)  0 solve(s)  ", line, StringComparison.Ordinal);
        Assert.Empty(engine.Warnings);
    }

    public void Dispose() => temp.Dispose();

    /// <summary>A task whose work throws what no catch of <see cref="OmmxTask"/> names.</summary>
    private sealed class ThrowingTask(Exception exception) : OmmxTask
    {
        private protected override string ErrorCode => "OMMX2001";

        private protected override bool Run() => throw exception;
    }
}
