namespace Ommx.Integration.Tests.Architecture;

/// <summary>
/// The core's tests test the core: a behaviour reached only through an <c>ommx</c> command is tested in
/// <c>Ommx.Integration.Tool.Tests</c>, and this project neither references nor uses the tool.
/// </summary>
public sealed class TestPlacementTests
{
    [Fact]
    public void Core_tests_do_not_use_the_tool_assembly()
    {
        var references = typeof(TestPlacementTests).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.Contains("Ommx.Integration", references);
        Assert.DoesNotContain("Ommx.Integration.Tool", references);
    }

    [Fact]
    public void Core_test_project_does_not_reference_the_tool_project()
    {
        var project = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests", "Ommx.Integration.Tests", "Ommx.Integration.Tests.csproj"));
        Assert.DoesNotContain("Ommx.Integration.Tool.csproj", project, StringComparison.Ordinal);
    }
}
