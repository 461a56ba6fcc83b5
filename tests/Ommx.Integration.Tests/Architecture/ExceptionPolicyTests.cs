using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Architecture;

/// <summary>
/// One exception policy: which exceptions count as a recording/storage error (a diagnostic, not a crash) is
/// written once, in <c>StorageErrors</c>, and every catch filter in the shipped code uses it.
/// </summary>
public sealed partial class ExceptionPolicyTests
{
    [Fact]
    public void No_catch_filter_spells_out_the_storage_error_list()
    {
        var source = Path.Combine(TestPaths.RepoRoot, "src");
        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(p => Path.GetFileName(p) != "StorageErrors.cs")
            .SelectMany(p => File.ReadLines(p).Select((line, i) => (Path: Path.GetRelativePath(source, p), Line: i + 1, Text: line.Trim())))
            .Where(l => SpelledOutList().IsMatch(l.Text))
            .Select(l => $"{l.Path}:{l.Line}: {l.Text}")
            .ToList();
        Assert.True(offenders.Count == 0, "Use StorageErrors.IsStorageError / IsFileError instead of:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Storage_errors_are_ours_the_file_systems_and_sqlites_and_nothing_else()
    {
        Assert.True(StorageErrors.IsStorageError(new OmmxException("x")));
        Assert.True(StorageErrors.IsStorageError(new IOException("x")));
        Assert.True(StorageErrors.IsStorageError(new FileNotFoundException("x")));
        Assert.True(StorageErrors.IsStorageError(new UnauthorizedAccessException("x")));
        Assert.True(StorageErrors.IsStorageError(new SqliteException("x", 8)));
        Assert.False(StorageErrors.IsStorageError(new InvalidOperationException("x")));
        Assert.False(StorageErrors.IsStorageError(new NullReferenceException("x")));
        Assert.True(StorageErrors.IsFileError(new DirectoryNotFoundException("x")));
        Assert.False(StorageErrors.IsFileError(new SqliteException("x", 8)));
        Assert.False(StorageErrors.IsFileError(new OmmxException("x")));
    }

    [GeneratedRegex(@"\b(IOException\s+or\s+UnauthorizedAccessException|UnauthorizedAccessException\s+or\s+IOException)\b")]
    private static partial Regex SpelledOutList();
}
