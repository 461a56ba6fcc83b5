using System.Diagnostics;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.Xunit.Tests;

/// <summary>The README's main job, run as written but against a temp registry.</summary>
public sealed class SampleTests(ITestOutputHelper output)
{
    [Fact]
    public void DotnetTestKnapsackSample_RecordsCommittedExperimentAndPrintsItsName()
    {
        using var temp = new TempDirectory();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = TestPaths.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "test", "samples/Knapsack.Tests", "-p:BuildProjectReferences=false", "-nodeReuse:false" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["OMMX_LOCAL_REGISTRY_ROOT"] = temp.Path;
        using var process = Process.Start(info)!;
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        output.WriteLine(text);

        Assert.Equal(0, process.ExitCode);
        var line = text.Split('\n').Single(l => l.Contains("OMMX: committed ", StringComparison.Ordinal));
        var name = line[(line.IndexOf("OMMX: committed ", StringComparison.Ordinal) + 16)..].Split(' ')[0];
        Assert.StartsWith("example.com/ommx-integration/knapsack:", name, StringComparison.Ordinal);
        using var registry = LocalRegistry.Open(temp.Path);
        var experiment = Experiment.Load(registry, name);
        Assert.Equal(6, experiment.Runs.Count);
        var run47 = experiment.Runs.Single(r => r.Parameters.TryGetValue("capacity", out var c) && c.AsInt64() == 47 && r.Parameters["test.method"].AsString() == "Solve_Capacity_LogsObjectiveAndSelection");
        Assert.Equal(41L, run47.Parameters["objective"].AsInt64());
        var solve = Assert.Single(run47.SolveViews);
        Assert.Equal(RunStatus.Finished, solve.Status);
        Assert.Equal("Ommx.Integration.OrTools.OrToolsMilpAdapter", solve.Adapter);
        Assert.Equal(41, solve.Output!.Objective);
        Assert.Equal(47, solve.Input.Constraints.Single().Function.Constant * -1);
        Assert.Equal("knapsack", experiment.Annotations["com.example.problem"]);
    }
}
