using System.Text.RegularExpressions;
using Ommx.Integration.Experiments;

namespace Ommx.Integration.Tests.Architecture;

/// <summary>
/// The <c>test.*</c> run-parameter names have one owner, <see cref="TestCaseParameters"/> (Experiments, below both the
/// recorder in Testing and their readers in Comparison and the tool): no other shipped file spells one as a string.
/// </summary>
public sealed partial class TestCaseParameterNamesTests
{
    [Fact]
    public void Only_TestCaseParameters_spells_the_test_parameter_names()
    {
        var source = Path.Combine(TestPaths.RepoRoot, "src");
        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(p => Path.GetFileName(p) != "TestCaseParameters.cs")
            .SelectMany(p => File.ReadLines(p).Select((line, i) => (Path: Path.GetRelativePath(source, p), Line: i + 1, Text: line.Trim())))
            .Where(l => !l.Text.StartsWith("//", StringComparison.Ordinal) && SpelledName().IsMatch(l.Text))
            .Select(l => $"{l.Path}:{l.Line}: {l.Text}")
            .ToList();
        Assert.True(offenders.Count == 0, "Use TestCaseParameters instead of:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Names_are_what_the_recorder_has_always_written()
    {
        // Recorded Experiments (and OMMX's Python SDK reading them) depend on these exact names.
        Assert.Equal(
            ["test.id", "test.display_name", "test.class", "test.method", "test.outcome", "test.duration_seconds", "test.skip_reason"],
            [TestCaseParameters.Id, TestCaseParameters.DisplayName, TestCaseParameters.Class, TestCaseParameters.Method, TestCaseParameters.Outcome, TestCaseParameters.DurationSeconds, TestCaseParameters.SkipReason]);
        Assert.All(new[] { TestCaseParameters.Id, TestCaseParameters.Outcome }, n => Assert.StartsWith(TestCaseParameters.Prefix, n, StringComparison.Ordinal));
    }

    /// <summary>A string literal that starts with <c>test.</c>, or a <c>test.&lt;name&gt;</c> written inside a message.</summary>
    [GeneratedRegex(@"""test\.|\btest\.(id|display_name|class|method|outcome|duration_seconds|skip_reason)\b")]
    private static partial Regex SpelledName();
}
