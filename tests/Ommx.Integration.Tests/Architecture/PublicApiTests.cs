using System.Reflection;
using Xunit.Abstractions;

namespace Ommx.Integration.Tests.Architecture;

/// <summary>
/// The core's public API is what a library user calls (docs/architecture.md, "What may be public") and is tracked in
/// <c>src/Ommx.Integration/PublicAPI.Shipped.txt</c> / <c>PublicAPI.Unshipped.txt</c>. The analyzer checks every member
/// at build time; this test checks the compiled assembly's public types against those files (so switching the
/// analyzer off does not silently untrack the API) and keeps the number of public top-level types within its budget.
/// </summary>
public sealed class PublicApiTests(ITestOutputHelper output)
{
    /// <summary>Issue 16's goal: under 80 public top-level types (206 before the redesign, 149 before this budget).</summary>
    // 79 after the redesign (issue 16), + ResumableCases: the library's answer to "which cases remain" (issue 20).
    private const int TopLevelTypeBudget = 80;

    private static readonly Assembly Core = typeof(OmmxException).Assembly;

    [Fact]
    public void Every_public_type_is_in_the_tracked_API_files_and_nothing_else_is()
    {
        var compiled = Core.GetExportedTypes().Select(ApiName).ToHashSet(StringComparer.Ordinal);
        var tracked = TrackedTypeNames().ToHashSet(StringComparer.Ordinal);

        var untracked = compiled.Except(tracked).Order(StringComparer.Ordinal).ToList();
        var stale = tracked.Except(compiled).Order(StringComparer.Ordinal).ToList();
        Assert.True(untracked.Count == 0 && stale.Count == 0,
            $"Public types not in PublicAPI.*.txt: {string.Join(", ", untracked)}\nLines in PublicAPI.*.txt with no public type: {string.Join(", ", stale)}");
    }

    [Fact]
    public void Public_top_level_types_stay_within_the_budget()
    {
        var topLevel = Core.GetExportedTypes().Where(t => !t.IsNested).Select(ApiName).Order(StringComparer.Ordinal).ToList();
        output.WriteLine($"{topLevel.Count} public top-level types in {Core.GetName().Name}:");
        foreach (var name in topLevel)
        {
            output.WriteLine("  " + name);
        }

        Assert.True(topLevel.Count <= TopLevelTypeBudget,
            $"{topLevel.Count} public top-level types (budget {TopLevelTypeBudget}). Public is what a library user calls; make the new ones internal " +
            "(shells and tests see internals) or raise the budget deliberately:\n" + string.Join("\n", topLevel));
    }

    [Fact]
    public void Every_library_project_tracks_its_public_API()
    {
        // Directory.Build.targets turns the analyzer on for a project that has the files; the tool is an executable.
        var libraries = Directory.GetDirectories(Path.Combine(TestPaths.RepoRoot, "src"))
            .Where(dir => Directory.EnumerateFiles(dir, "*.csproj").Any() && Path.GetFileName(dir) != "Ommx.Integration.Tool")
            .Order(StringComparer.Ordinal)
            .ToList();
        var untracked = libraries.Where(dir => !File.Exists(Path.Combine(dir, "PublicAPI.Shipped.txt")) || !File.Exists(Path.Combine(dir, "PublicAPI.Unshipped.txt")));

        Assert.Contains(libraries, dir => Path.GetFileName(dir) == "Ommx.Integration.MSBuild");
        Assert.Empty(untracked.Select(Path.GetFileName));
        foreach (var dir in libraries)
        {
            output.WriteLine($"{Path.GetFileName(dir)}: {TrackedTypeNames(dir).Count()} public types");
        }
    }

    [Fact]
    public void Api_names_are_spelled_as_the_analyzer_spells_them()
    {
        // Guards the comparison above against passing because both sides are empty or spelled differently.
        var tracked = TrackedTypeNames().ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Ommx.Integration.Experiments.Experiment", tracked);
        Assert.Contains("Ommx.Integration.Adapters.ISolverModel<TModel, TResult>", tracked);
        Assert.Equal("Ommx.Integration.Adapters.ISolverModel<TModel, TResult>", ApiName(typeof(Ommx.Integration.Adapters.ISolverModel<,>)));
        Assert.Equal("Ommx.Integration.Experiments.Experiment", ApiName(typeof(Ommx.Integration.Experiments.Experiment)));
    }

    /// <summary>Type lines of the API files: every line that declares a symbol without a signature (members have <c>-&gt;</c>).</summary>
    private static IEnumerable<string> TrackedTypeNames() => TrackedTypeNames(Path.Combine(TestPaths.RepoRoot, "src", "Ommx.Integration"));

    private static IEnumerable<string> TrackedTypeNames(string folder)
    {
        return new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" }
            .SelectMany(file => File.ReadAllLines(Path.Combine(folder, file)))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.Contains("->", StringComparison.Ordinal));
    }

    /// <summary>A type's name as PublicAPI.*.txt writes it: namespace-qualified, nested with '.', generics as <c>&lt;T, U&gt;</c>.</summary>
    private static string ApiName(Type type)
    {
        var outer = type.DeclaringType is { } declaring ? ApiName(declaring) : type.Namespace;
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            var inherited = type.DeclaringType?.GetGenericArguments().Length ?? 0;
            var own = type.GetGenericArguments().Skip(inherited).Select(a => a.Name);
            name = name[..tick] + "<" + string.Join(", ", own) + ">";
        }

        return outer + "." + name;
    }
}
