using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

/// <summary>The command line as a user meets it: the name in usage lines, bare <c>ommx</c>, and typos.</summary>
public sealed class UsageTests
{
    [Fact]
    public void Help_UsageLineNamesTheOmmxCommand()
    {
        var root = OmmxTool.Run("--help");
        var experiments = OmmxTool.Run("experiments", "--help");

        Assert.Contains("Usage:\n  ommx [command] [options]", root.Stdout, StringComparison.Ordinal);
        Assert.Contains("Usage:\n  ommx experiments", experiments.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Ommx.Integration.Tool", root.Stdout + experiments.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Bare_PrintsHelpAndExitsOk()
    {
        var result = OmmxTool.Run();

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:\n  ommx [command] [options]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  experiments", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Theory]
    [InlineData("`--jsn` for `ommx experiments`. Did you mean `--json`?", "experiments", "--jsn")]
    [InlineData("`--jsn` for `ommx checkpoints`. Did you mean `--json`?", "checkpoints", "prefix", "--jsn")]
    [InlineData("`--dryrun` for `ommx gc`. Did you mean `--dry-run`?", "gc", "--dryrun")]
    [InlineData("`--rot` for `ommx list`. Did you mean `--root`?", "list", "--rot", "x")]
    [InlineData("`experimnts` for `ommx`. Did you mean `experiments`?", "experimnts")]
    [InlineData("`inspcet` for `ommx`. Did you mean `inspect`?", "inspcet", "example.com/a:v1")]
    public void Typo_IsUsageErrorWithSuggestion(string expected, params string[] args)
    {
        var result = OmmxTool.Run(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("Error: unknown ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help` for usage.", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void UnknownOption_NothingClose_NoSuggestion()
    {
        var result = OmmxTool.Run("gc", "--frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option `--frobnicate` for `ommx gc`.", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void DoubleDash_MakesADashValueAnArgument()
    {
        using var temp = new TempRegistryRoot().With(registry => { Fixtures.CommitExperiment(registry); });

        var result = OmmxTool.Run("experiments", "--root", temp.Root, "--json", "--", "--jsn");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0, result.Json().GetProperty("experiments").GetArrayLength());
    }
}
