using Ommx.Integration.Distribution;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

/// <summary>
/// <c>ommx history --remote</c> against Debian's <c>docker-registry</c> on loopback: the repository's tags are listed
/// (over several pages), the newest recorded ones are pulled into an empty Local Registry and followed as history.
/// </summary>
[Trait("Category", "RealRegistry")]
public sealed class HistoryRemoteCommandTests : IDisposable
{
    private readonly DistributionRegistry remote = new();
    private readonly TempRegistryRoot recorder = new();
    private readonly TempRegistryRoot reader = new();

    private string Repository => $"{remote.Host}/team/history";

    [Fact]
    public void Remote_RegistryHoldsMoreTagsThanTheLimit_PullsTheNewestRecordedAndFollowsThem()
    {
        // Five recorded Experiments (the recorder's time tags), an alias, and a named tag.
        string[] outcomes = ["passed", "passed", "passed", "failed", "failed"];
        recorder.With(registry =>
        {
            for (var i = 0; i < outcomes.Length; i++)
            {
                var tag = $"2026120{i + 1}T120000Z-0000000{i}";
                using var experiment = Experiment.Create(registry, $"{Repository}:{tag}");
                experiment.DurableRuns = false;
                experiment.SetAnnotation("org.opencontainers.image.created", $"2026-12-0{i + 1}T12:00:00Z");
                experiment.SetAnnotation("org.opencontainers.image.revision", $"rev{i}");
                experiment.Run(run =>
                {
                    run.LogParameter("test.id", "Case");
                    run.LogParameter("test.display_name", "Suite.Case");
                    // Committed Experiments only can be pushed: the outcome is what a later run of the suite recorded.
                    run.LogParameter("test.outcome", outcomes[i]);
                });
                experiment.Commit();
                var image = ImageReference.Parse($"{Repository}:{tag}");
                registry.Push(image, new RemoteOptions());
                if (i == 0)
                {
                    registry.Publish(ImageReference.Parse($"{Repository}:base"), registry.Resolve(image)!.Value);
                    registry.Push(ImageReference.Parse($"{Repository}:base"), new RemoteOptions());
                }
            }
        });

        var result = reader.Ommx("history", Repository, "--remote", "--limit", "3", "--all");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{Repository}: 6 tag(s) listed, 4 pulled (4 new here)", result.Stdout);
        // The three newest recorded tags, plus base (the oldest, same manifest as the first recorded tag) are here;
        // history follows the newest three.
        Assert.Matches(@"Suite\.Case\s+PFF\s+#1 rev3", result.Stdout);
        Assert.DoesNotContain("20261202T120000Z", result.Stdout);
        Assert.Empty(result.Stderr.Trim());

        var again = reader.Ommx("history", Repository, "--remote", "--limit", "3", "--json");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(3, again.Json().GetProperty("experiments").GetArrayLength());
    }

    [Fact]
    public void Remote_RepositoryUnknownToTheRegistry_FailsWithOneLineNamingIt()
    {
        var result = reader.Ommx("history", $"{remote.Host}/team/nothing", "--remote");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Registry {remote.Host} has no repository team/nothing", result.Stderr);
    }

    public void Dispose()
    {
        remote.Dispose();
        recorder.Dispose();
        reader.Dispose();
    }
}
