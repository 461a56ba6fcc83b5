using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Xunit.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.Xunit.Tests;

/// <summary>Real <c>dotnet test</c> runs of scratch projects; the registry they leave behind is asserted.</summary>
[Trait("Category", "EndToEnd")]
public sealed class RecordingEndToEndTests(ITestOutputHelper output)
{
    private const string Facts = """
        using Ommx.Integration.Tests.Adapters;
        using Ommx.Integration.TestUtilities;
        using Ommx.Integration.Xunit;
        using Xunit.Abstractions;

        namespace Scratch;

        public sealed class Facts(ITestOutputHelper output)
        {
            [Fact]
            [Trait("kind", "fast")]
            public void Passes()
            {
                output.WriteLine("hello from Passes");
                OmmxRun.Current.LogParameter("answer", 42);
            }

            [Fact(Skip = "skipped on purpose")]
            public void Skipped() { }

        #if WITH_FAILURE
            [Fact]
            public void Fails()
            {
                output.WriteLine("about to fail");
                throw new InvalidOperationException("solver   exploded\n badly");
            }
        #else
            [Fact]
            public void Fails() { }
        #endif

            [Theory]
            [InlineData(1, "a", true, 0.5)]
            [InlineData(2, "b", false, 1.5)]
            [InlineData(3, "c", true, 2.5)]
            [InlineData(4, "d", false, 3.5)]
            public void Inline(int capacity, string label, bool flag, double ratio) =>
                Assert.True(capacity > 0 && label.Length == 1 && ratio > 0 && (flag || !flag));

            public static IEnumerable<object[]> Rows() => [[10L], [20L]];

            [Theory]
            [MemberData(nameof(Rows))]
            public void Member(long size) => OmmxRun.Current.LogJson("size", new { size });
        }

        [Collection("second")]
        public sealed class Parallel
        {
            [Fact]
            public async Task LogsAcrossAwaits()
            {
                await Task.Yield();
                await Task.Run(() => OmmxRun.Current.LogParameter("from_thread_pool", true));
                var solution = OmmxRun.Current.LogSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(47));
                OmmxRun.Current.LogParameter("objective", solution.Objective);
            }
        }
        """;

    [Fact]
    public void DotnetTest_OneFailingTest_FailedCheckpointWithOneRunPerTestCase()
    {
        using var project = new ScratchProject("Recorded", new Dictionary<string, string> { ["Tests.cs"] = Facts }, "<DefineConstants>$(DefineConstants);WITH_FAILURE</DefineConstants>");

        var (exit, text) = project.Test();
        output.WriteLine(text);

        Assert.Equal(1, exit);
        Assert.Contains("OMMX: 1 test(s) failed; failed checkpoint for ", text, StringComparison.Ordinal);
        using var registry = LocalRegistry.Open(project.RegistryRoot);
        var checkpoint = Assert.Single(ExperimentCatalog.ListCheckpoints(registry).Checkpoints);
        Assert.Equal(ExperimentStatus.Failed, checkpoint.Status);
        Assert.Equal(10, checkpoint.RunCount);
        var experiment = Experiment.Load(registry, checkpoint.ImageName);
        Assert.Equal("1 test(s) failed: Scratch.Facts.Fails", experiment.LifecycleReason);
        var runs = experiment.Runs.ToDictionary(r => r.Parameters["test.display_name"].AsString());

        var passes = runs["Scratch.Facts.Passes"];
        Assert.Equal(RunStatus.Finished, passes.Status);
        Assert.Equal("passed", passes.Parameters["test.outcome"].AsString());
        Assert.Equal(42L, passes.Parameters["answer"].AsInt64());
        Assert.Equal("fast", passes.Parameters["trait.kind"].AsString());
        Assert.Equal(("Scratch.Facts", "Passes"), (passes.Parameters["test.class"].AsString(), passes.Parameters["test.method"].AsString()));
        Assert.Contains("hello from Passes", System.Text.Encoding.UTF8.GetString(passes.GetAttachmentBytes("output.txt")), StringComparison.Ordinal);
        Assert.True(passes.Parameters["test.duration_seconds"].AsDouble() >= 0);

        var fails = runs["Scratch.Facts.Fails"];
        Assert.Equal(RunStatus.Failed, fails.Status);
        Assert.Equal("InvalidOperationException: solver exploded badly", fails.LifecycleReason);
        Assert.Equal("failed", fails.Parameters["test.outcome"].AsString());
        Assert.Contains("Scratch.Facts.Fails", System.Text.Encoding.UTF8.GetString(fails.GetAttachmentBytes("stack-trace.txt")), StringComparison.Ordinal);
        Assert.Contains("about to fail", System.Text.Encoding.UTF8.GetString(fails.GetAttachmentBytes("output.txt")), StringComparison.Ordinal);

        var skipped = runs["Scratch.Facts.Skipped"];
        Assert.Equal((RunStatus.Finished, "skipped", "skipped on purpose"),
            (skipped.Status, skipped.Parameters["test.outcome"].AsString(), skipped.Parameters["test.skip_reason"].AsString()));

        var inline = runs.Values.Where(r => r.Parameters["test.method"].AsString() == "Inline").OrderBy(r => r.Parameters["capacity"].AsInt64()).ToList();
        Assert.Equal([1L, 2L, 3L, 4L], inline.Select(r => r.Parameters["capacity"].AsInt64()));
        Assert.Equal(["a", "b", "c", "d"], inline.Select(r => r.Parameters["label"].AsString()));
        Assert.Equal([true, false, true, false], inline.Select(r => r.Parameters["flag"].AsBool()));
        Assert.Equal([0.5, 1.5, 2.5, 3.5], inline.Select(r => r.Parameters["ratio"].AsDouble()));

        var member = runs.Values.Where(r => r.Parameters["test.method"].AsString() == "Member").OrderBy(r => r.Parameters["size"].AsInt64()).ToList();
        Assert.Equal([10L, 20L], member.Select(r => r.Parameters["size"].AsInt64()));
        Assert.Equal(10, member[0].GetJson("size")!["size"]!.GetValue<int>());

        var parallel = runs["Scratch.Parallel.LogsAcrossAwaits"];
        Assert.True(parallel.Parameters["from_thread_pool"].AsBool());
        Assert.Equal(41.0, parallel.Parameters["objective"].AsDouble());
        var solve = Assert.Single(parallel.SolveViews);
        Assert.Equal(41.0, solve.Output!.Objective);
        Assert.EndsWith("ExhaustiveBinarySolver", solve.Adapter, StringComparison.Ordinal);

        Assert.Equal("Recorded", experiment.Annotations["org.opencontainers.image.title"]);
        Assert.Equal("net10.0", experiment.Annotations["io.github.ommx-integration.target-framework"]);
        Assert.StartsWith("xunit ", experiment.Annotations["io.github.ommx-integration.test-framework"], StringComparison.Ordinal);
    }

    [Fact]
    public void DotnetTest_AllPass_CommittedUnderExactName()
    {
        using var project = new ScratchProject("Passing", new Dictionary<string, string> { ["Tests.cs"] = Facts },
            "<OmmxExperimentName>example.com/scratch/passing:v1</OmmxExperimentName>");

        var (exit, text) = project.Test();
        output.WriteLine(text);

        Assert.Equal(0, exit);
        Assert.Contains("OMMX: committed example.com/scratch/passing:v1 (10 runs) sha256:", text, StringComparison.Ordinal);
        using var registry = LocalRegistry.Open(project.RegistryRoot);
        var experiment = Experiment.Load(registry, "example.com/scratch/passing:v1");
        Assert.Equal(ExperimentStatus.Finished, experiment.Status);
        Assert.Equal(10, experiment.Runs.Count);
        Assert.Empty(ExperimentCatalog.ListCheckpoints(registry).Checkpoints);
    }

    [Fact]
    public void DotnetTest_GenerateAssemblyInfoFalseWithHandWrittenAssemblyInfo_StillRecordsEveryTest()
    {
        const string assemblyInfo = """
            using System.Reflection;

            [assembly: AssemblyTitle("Hand written")]
            [assembly: AssemblyVersion("1.2.3.4")]
            """;
        using var project = new ScratchProject("HandWritten", new Dictionary<string, string> { ["Tests.cs"] = Facts, ["AssemblyInfo.cs"] = assemblyInfo },
            "<GenerateAssemblyInfo>false</GenerateAssemblyInfo><OmmxExperimentName>example.com/scratch/hand-written:v1</OmmxExperimentName>");

        var (exit, text) = project.Test();
        output.WriteLine(text);

        Assert.Equal(0, exit);
        Assert.Contains("OMMX: committed example.com/scratch/hand-written:v1 (10 runs) sha256:", text, StringComparison.Ordinal);
        using var registry = LocalRegistry.Open(project.RegistryRoot);
        var experiment = Experiment.Load(registry, "example.com/scratch/hand-written:v1");
        Assert.Equal(10, experiment.Runs.Count);
        Assert.Equal("HandWritten", experiment.Annotations["io.github.ommx-integration.project"]);
    }

    [Fact]
    public void DotnetTest_ThirdTestCallsFailFast_EarlierRunsRecoverableAndCrasherNamed()
    {
        const string crash = """
            using Ommx.Integration.Xunit;
            using Xunit.Abstractions;
            using Xunit.Sdk;

            [assembly: CollectionBehavior(DisableTestParallelization = true)]
            [assembly: TestCaseOrderer("Scratch.ByName", "Crashing")]

            namespace Scratch;

            public sealed class ByName : ITestCaseOrderer
            {
                public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
                    testCases.OrderBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);
            }

            public sealed class Crash
            {
                [Fact] public void A_First() => OmmxRun.Current.LogParameter("step", 1);
                [Fact] public void B_Second() => OmmxRun.Current.LogParameter("step", 2);
                [Fact] public void C_Crashes() => Environment.FailFast("crashing on purpose");
                [Fact] public void D_NeverRuns() => OmmxRun.Current.LogParameter("step", 4);
            }
            """;
        using var project = new ScratchProject("Crashing", new Dictionary<string, string> { ["Tests.cs"] = crash },
            "<OmmxExperimentName>example.com/scratch/crash:v1</OmmxExperimentName>");

        var (exit, text) = project.Test();
        output.WriteLine(text);

        Assert.NotEqual(0, exit);
        using var registry = LocalRegistry.Open(project.RegistryRoot);
        Assert.Null(registry.Resolve(Oci.ImageReference.Parse("example.com/scratch/crash:v1")));
        using var restored = Experiment.RestoreFromCheckpoint(registry, "example.com/scratch/crash:v1");
        Assert.Equal([1L, 2L], restored.Runs.Select(r => r.Parameters["step"].AsInt64()));
        var crasher = Assert.Single(restored.RunsOpenAtLastRecord);
        Assert.Equal("Scratch.Crash.C_Crashes", crasher.Label);
    }
}
