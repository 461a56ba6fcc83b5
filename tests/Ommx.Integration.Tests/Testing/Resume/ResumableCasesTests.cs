using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing.Resume;

namespace Ommx.Integration.Tests.Testing.Resume;

/// <summary>The library side of resuming: docs/resume.md's example, run as written.</summary>
public sealed class ResumableCasesTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public void DocsExample_RestoredCheckpoint_RemainingIsWhatDidNotPass_CommitKeepsHistory()
    {
        var root = temp.Combine("registry");
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            // doc:begin
            string[] instances = ["knapsack-10", "knapsack-20", "knapsack-30", "knapsack-40"];
            using var registry = LocalRegistry.Open(root);

            // The first sweep stops at knapsack-30 and leaves a failed checkpoint.
            using (var sweep = Experiment.Create(registry, "example.com/team/sweep:v1"))
            {
                foreach (var name in instances)
                {
                    var run = sweep.Run(name);
                    run.LogParameter("test.id", name);
                    if (name == "knapsack-30")
                    {
                        run.Fail("solver timed out");
                        break;
                    }

                    run.LogParameter("objective", name.Length * 10.0);
                    run.Finish();
                }

                sweep.CommitFailedCheckpoint("knapsack-30 timed out");
            }

            // Later: restore it and run only the cases that did not pass.
            using var resumed = Experiment.RestoreFromCheckpoint(registry, "example.com/team/sweep:v1");
            var remaining = ResumableCases.Remaining(resumed, instances);
            Console.WriteLine(string.Join(", ", remaining)); // knapsack-30, knapsack-40
            foreach (var name in remaining)
            {
                var run = resumed.Run(name);
                run.LogParameter("test.id", name);
                run.LogParameter("objective", name.Length * 10.0);
                run.Finish();
            }

            resumed.Commit();
            // doc:end
            Assert.Equal(["knapsack-10", "knapsack-20", "knapsack-30", "knapsack-40"], ResumableCases.Passed(resumed).Order(StringComparer.Ordinal));
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.Equal("knapsack-30, knapsack-40", output.ToString().Trim());
        using var committed = Experiment.Load("example.com/team/sweep:v1", root);
        Assert.Equal(5, committed.Runs.Count);
        Assert.Single(committed.Runs, r => r.Status == RunStatus.Failed);
    }

    [Fact]
    public void DocsExample_IsTheCodeThisTestRuns()
    {
        var doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "resume.md"));
        var block = doc[(doc.LastIndexOf("```csharp", StringComparison.Ordinal) + "```csharp".Length)..];
        block = block[..block.IndexOf("```", StringComparison.Ordinal)];
        var documented = Lines(block).Where(l => !l.StartsWith("using Ommx", StringComparison.Ordinal)).ToList();

        var source = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests", "Ommx.Integration.Tests", "Testing", "Resume", "ResumableCasesTests.cs"));
        var marked = source[(source.IndexOf("// doc:begin", StringComparison.Ordinal) + "// doc:begin".Length)..source.IndexOf("// doc:end", StringComparison.Ordinal)];

        Assert.Equal(documented, Lines(marked).ToList());
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    public void Dispose() => temp.Dispose();
}
