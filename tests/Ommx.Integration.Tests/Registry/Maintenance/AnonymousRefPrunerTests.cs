using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;
using Ommx.Integration.Registry.Maintenance;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.Maintenance;

public sealed class AnonymousRefPrunerTests : IDisposable
{
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    private ImageReference Anonymous(string repository, string payload)
    {
        var image = ImageNames.NewAnonymous(Registry.RegistryId, repository);
        temp.Commit(image.ToString(), System.Text.Encoding.UTF8.GetBytes(payload));
        return image;
    }

    [Fact]
    public void Run_DryRunAndFilters_SelectOnlyMatchingAnonymousRefs()
    {
        var artifact = Anonymous(ImageNames.AnonymousRepository, "a");
        var experiment = Anonymous(ImageNames.ExperimentRepository, "e");
        temp.Commit("example.com/named:latest", "n"u8.ToArray());

        Assert.Equal([artifact.ToString()], AnonymousRefPruner.Run(Registry, new PruneOptions()).Refs.Select(r => r.ImageName));
        var both = AnonymousRefPruner.Run(Registry, new PruneOptions { Experiments = true });
        Assert.Equal(2, both.Count);
        Assert.Equal(["artifact", "experiment"], both.Refs.Select(r => r.Kind).Order());
        Assert.Empty(AnonymousRefPruner.Run(Registry, new PruneOptions { Experiments = true, OlderThan = TimeSpan.FromDays(365) }).Refs);

        var removed = AnonymousRefPruner.Run(Registry, new PruneOptions { Experiments = true, OlderThan = TimeSpan.Zero, Delete = true });

        Assert.True(removed.DeleteApplied);
        Assert.Equal(2, removed.Count);
        Assert.Null(Registry.Resolve(artifact));
        Assert.Null(Registry.Resolve(experiment));
        Assert.NotNull(Registry.Resolve(ImageReference.Parse("example.com/named:latest")));
        Assert.Empty(AnonymousRefPruner.Run(Registry, new PruneOptions { Experiments = true }).Refs);
    }

    [Fact]
    public void Run_AnonymousTestRunsLatestAlias_PrunedWithTheRunsItPointsToAndOnlyThen()
    {
        var sessions = new Ommx.Integration.Testing.Sessions.TestRunSessions(Registry);
        string RecordAnonymousRun()
        {
            var session = sessions.Begin(new Ommx.Integration.Testing.Sessions.TestRunRequest());
            using (var host = Ommx.Integration.Testing.TestSession.Start(new Ommx.Integration.Testing.TestSessionSettings { RegistryRoot = temp.Root, SessionId = session.Id }))
            {
                var run = host.StartTest(new Ommx.Integration.Testing.TestCaseInfo("A", "A", "C", "A"));
                host.FinishTest(run, new Ommx.Integration.Testing.TestResult(Ommx.Integration.Testing.TestOutcome.Passed, 0.01, ""));
                host.Complete();
            }

            return sessions.Finish(session.Id, testsSucceeded: true).Alias!;
        }

        var alias = RecordAnonymousRun();
        RecordAnonymousRun();
        Assert.EndsWith(".ommx.local/experiment:latest", alias, StringComparison.Ordinal);

        // The alias is listed with the runs it points to, and goes with them.
        var selected = AnonymousRefPruner.Run(Registry, new PruneOptions { Experiments = true }).Refs.Select(r => r.ImageName).ToList();
        Assert.Contains(alias, selected);
        Assert.Equal(3, selected.Count);
        AnonymousRefPruner.Run(Registry, new PruneOptions { Experiments = true, Delete = true });
        Assert.Null(Registry.Resolve(ImageReference.Parse(alias)));
        Assert.Empty(Registry.ListRefs());

        // While its run is kept (too young for --older-than), so is the alias.
        RecordAnonymousRun();
        Assert.Empty(AnonymousRefPruner.Run(Registry, new PruneOptions { Experiments = true, OlderThan = TimeSpan.FromDays(1) }).Refs);
        Assert.DoesNotContain(alias, AnonymousRefPruner.Run(Registry, new PruneOptions { Experiments = false }).Refs.Select(r => r.ImageName));
    }

    [Fact]
    public void Run_DeleteThenGc_ReclaimsUniquePayload()
    {
        var image = Anonymous(ImageNames.AnonymousRepository, "unique-payload");
        AnonymousRefPruner.Run(Registry, new PruneOptions { Delete = true });
        var payload = Digest.Compute("unique-payload"u8);

        Assert.Contains(RegistryGc.Run(Registry, new GcOptions { GracePeriod = TimeSpan.Zero }).OrphanCandidates, b => b.Digest == payload);
        var deleted = RegistryGc.Run(Registry, new GcOptions { GracePeriod = TimeSpan.Zero, Delete = true });

        Assert.Contains(deleted.DeletedBlobs, b => b.Digest == payload);
        Assert.True(deleted.DeletedSize >= "unique-payload".Length);
        Assert.Null(Registry.Resolve(image));
    }

    [Fact]
    public void CompareAndDelete_RefReplacedAfterSelection_Survives()
    {
        var image = Anonymous(ImageNames.AnonymousRepository, "first");
        var selected = Registry.ListRefs().Single();
        var other = TempRegistry.StoreArtifact(Registry, ["second"u8.ToArray()]);
        Registry.Replace(image, other.Digest);

        var deleted = Registry.Index.DeleteIfUnchanged([selected]);

        Assert.Empty(deleted);
        Assert.Equal(other.Digest, Registry.Resolve(image));
    }

    [Fact]
    public void Run_CheckpointAndForeignPrefixRefs_NeverSelectedUnlessAnonymousShape()
    {
        var checkpoint = ImageNames.CheckpointReference(Registry.RegistryId, ImageReference.Parse("example.com/x:latest"));
        temp.Commit(checkpoint.ToString(), "c"u8.ToArray());
        temp.Commit("0a1b2c3d.ommx.local/anonymous:20260512T153045-a3f17b9c04d1", "foreign"u8.ToArray());
        temp.Commit("0a1b2c3d.ommx.local/anonymous:v1", "not-anonymous-tag"u8.ToArray());

        var report = AnonymousRefPruner.Run(Registry, new PruneOptions { Experiments = true });

        Assert.Equal(["0a1b2c3d.ommx.local/anonymous:20260512T153045-a3f17b9c04d1"], report.Refs.Select(r => r.ImageName));
    }

    public void Dispose() => temp.Dispose();
}
