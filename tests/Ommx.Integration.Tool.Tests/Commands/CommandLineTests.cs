using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

public sealed class CommandLineTests
{
    [Fact]
    public void Help_ListsEveryCommandAndExitsOk()
    {
        var result = OmmxTool.Run("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "gc", "prune-anonymous", "rm", "restore-ref", "size", "list", "experiments", "checkpoints", "inspect", "export", "import", "doctor" })
        {
            Assert.Contains($"  {command}", result.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("gc", "--no-such-flag")]
    [InlineData("rm")]
    [InlineData("restore-ref", "example.com/a:v1")]
    public void BadUsage_ExitsUsageWithError(params string[] args)
    {
        var result = OmmxTool.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void Rm_HasNoGcFlag() => Assert.Equal(2, OmmxTool.Run("rm", "example.com/a:v1", "--gc").ExitCode);
}
