using Ommx.Integration.Oci;
using Ommx.Integration.Tool.Tests.TestSupport;
using Snapshooter.Xunit;

namespace Ommx.Integration.Tool.Tests.Commands;

public sealed class PruneAnonymousCommandTests : IDisposable
{
    private readonly TempRegistryRoot registry = new();

    [Fact]
    public void PruneAnonymous_EmptyRegistry_PrintsClean()
    {
        registry.With(_ => { }); // a read or delete command needs an existing root; it never creates one
        var result = registry.Ommx("prune-anonymous");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("       Clean no matching anonymous refs found\n", result.Stdout);
    }

    [Fact]
    public void PruneAnonymous_DryRun_ListsCandidatesAndKeepsThem()
    {
        var anonymous = registry.With(r =>
        {
            Fixtures.CommitArtifact(r, Fixtures.Artifact, "named"u8.ToArray());
            return Fixtures.CommitAnonymousArtifact(r, "anonymous"u8.ToArray());
        });

        var result = registry.Ommx("prune-anonymous", "--show-digests");

        Assert.Equal(0, result.ExitCode);
        Snapshot.Match(registry.Mask(result.Stdout));
        Assert.Contains(anonymous.ToString(), registry.Ommx("list").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void PruneAnonymous_Delete_PrintsRollbackPerRefThatRestores()
    {
        var anonymous = registry.With(r => Fixtures.CommitAnonymousArtifact(r, "anonymous"u8.ToArray()));

        var result = registry.Ommx("prune-anonymous", "--delete");

        Assert.Equal(0, result.ExitCode);
        Snapshot.Match(registry.Mask(result.Stdout));
        Assert.DoesNotContain(anonymous.ToString(), registry.Ommx("list").Stdout, StringComparison.Ordinal);
        var rollback = result.Lines.Single(l => l.StartsWith("    Rollback ", StringComparison.Ordinal));
        Assert.EndsWith($" --root '{registry.Root}'", rollback, StringComparison.Ordinal);
        var digest = rollback.Split('\'')[3];
        Assert.Equal(0, registry.Ommx("restore-ref", anonymous.ToString(), digest).ExitCode);
        Assert.Contains(anonymous.ToString(), registry.Ommx("list").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void PruneAnonymous_ExperimentsOlderThan_SelectsByAgeAndKind()
    {
        registry.With(r =>
        {
            Fixtures.CommitAnonymousArtifact(r, "anonymous"u8.ToArray());
            using var experiment = Experiments.Experiment.Create(r);
            experiment.DurableRuns = false;
            experiment.Commit();
        });

        Assert.Equal(1, registry.Ommx("prune-anonymous", "--json").Json().GetProperty("count").GetInt32());
        Assert.Equal(0, registry.Ommx("prune-anonymous", "--experiments", "--older-than", "365d", "--json").Json().GetProperty("count").GetInt32());
        var json = registry.Ommx("prune-anonymous", "--experiments", "--older-than", "0s", "--delete", "--json").Json();
        Assert.True(json.GetProperty("delete_applied").GetBoolean());
        Assert.Equal(["artifact", "experiment"], json.GetProperty("refs").EnumerateArray().Select(r => r.GetProperty("kind").GetString()).Order());
        Assert.All(json.GetProperty("refs").EnumerateArray(), r => Assert.StartsWith("ommx restore-ref '", r.GetProperty("rollback").GetString(), StringComparison.Ordinal));
        Assert.Equal(string.Empty, registry.Ommx("list").Stdout);
    }

    [Fact]
    public void PruneAnonymous_BadOlderThan_ExitsUsage()
    {
        var result = registry.Ommx("prune-anonymous", "--older-than", "last-week");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Error: invalid duration suffix in \"last-week\"; use s, m, h, or d", result.Stderr.TrimEnd());
    }

    [Fact]
    public void PruneAnonymous_DryRunAndDelete_ExitsUsage() =>
        Assert.Equal(2, registry.Ommx("prune-anonymous", "--dry-run", "--delete").ExitCode);

    public void Dispose() => registry.Dispose();
}
