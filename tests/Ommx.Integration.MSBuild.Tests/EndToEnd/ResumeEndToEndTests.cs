using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Ommx.Integration.Experiments;
using Ommx.Integration.MSBuild.Tests.TestSupport;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing;
using Xunit.Abstractions;

namespace Ommx.Integration.MSBuild.Tests.EndToEnd;

/// <summary>
/// <c>dotnet test -p:OmmxResume=true</c> on a 50-case scratch suite consuming the packed packages: killed runs (SIGKILL
/// of the whole <c>dotnet test</c> tree) resumed, a failing case fixed between runs, <c>--filter</c>, a changed test
/// assembly refused and forced.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(EndToEndCollection.Name)]
public sealed partial class ResumeEndToEndTests(PackedFeed feed, ITestOutputHelper output)
{
    private const string Repository = "example.com/e2e/resume";

    /// <summary>45 theory rows and 5 facts (one skipped) = 50 test cases. E2E_HANG=i hangs row i, E2E_FAIL=1 fails row 7 and Flaky.</summary>
    private const string Tests = """
        using Ommx.Integration.Xunit;

        namespace E2E;

        public sealed class Cases
        {
            public static IEnumerable<object[]> Numbers() => Enumerable.Range(1, 45).Select(i => new object[] { i });

            [Theory, MemberData(nameof(Numbers))]
            public void Case(int i)
            {
                OmmxRun.Current.LogText("notes.txt", "case " + i + " " + Guid.NewGuid());
                OmmxRun.Current.LogParameter("objective", i * 10L);
                if (Environment.GetEnvironmentVariable("E2E_HANG") == i.ToString())
                {
                    File.WriteAllText(Environment.GetEnvironmentVariable("E2E_READY")!, "ready");
                    Thread.Sleep(TimeSpan.FromMinutes(5));
                }

                Assert.False(Environment.GetEnvironmentVariable("E2E_FAIL") == "1" && i == 7, "case 7 fails on purpose");
            }
        }

        public sealed class Facts
        {
            [Fact] public void Alpha() => OmmxRun.Current.LogText("notes.txt", "alpha " + Guid.NewGuid());
            [Fact] public void Beta() => OmmxRun.Current.LogParameter("objective", 2L);
            [Fact] public void Gamma() { }
            [Fact] public void Flaky() => Assert.False(Environment.GetEnvironmentVariable("E2E_FAIL") == "1", "flaky fails on purpose");
            [Fact(Skip = "not today")] public void Skipped() { }
        }
        """;

    [Fact]
    public void KilledAfterAboutHalf_ResumedRunKilledToo_ResumedAgain_OneExperimentOf50WithCarriedRunsAsStored()
    {
        using var project = NewProject();
        Assert.Equal(0, project.Dotnet(["build"], inProject: "E2E").ExitCode);

        KillDuring(project, hangAt: 30, []);
        var first = NewestCheckpoint(project);
        Assert.Equal(ExperimentStatus.Interrupted, first.Status);
        Assert.InRange(first.Runs.Count, 15, 35);

        // The resumed run is killed too: its journal (carried Runs included) becomes an interrupted checkpoint of its own.
        var killedResume = KillDuring(project, hangAt: 40, ["-p:OmmxResume=true"]);
        var second = NewestCheckpoint(project);
        Assert.NotEqual(first.Manifest!.Digest, second.Manifest!.Digest);
        Assert.Contains(first.Runs.Count(r => Outcome(r) == "passed") + " passed test case(s) carried", killedResume, StringComparison.Ordinal);
        Assert.True(second.Runs.Count > first.Runs.Count, $"the second checkpoint holds the carried {first.Runs.Count} Runs and what ran before the kill ({second.Runs.Count})");
        Assert.Equal(first.Manifest.Digest.ToString(), Subject(project, second));

        var resumed = project.Dotnet(["test", "--no-build", "-p:OmmxResume=true"], inProject: "E2E");
        output.WriteLine(resumed.Output);

        Assert.Equal(0, resumed.ExitCode);
        var line = Assert.Single(Lines(resumed.Output, "OMMX: committed "));
        var counts = CountsRegex().Match(line);
        Assert.True(counts.Success, line);
        var (carried, ran) = (int.Parse(counts.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(counts.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(50, int.Parse(counts.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(50, carried + ran);
        Assert.Equal(second.Runs.Count(r => Outcome(r) == "passed"), carried);
        // dotnet test counts only what ran: carried test cases are not reported to VSTest at all.
        Assert.Equal(ran, VsTestTotal(resumed.Output));

        using var final = Experiment.Load(Repository + ":latest", project.RegistryRoot);
        Assert.Equal(50, final.Runs.Count);
        Assert.Equal(50, final.Runs.Select(r => r.Parameters["test.id"].AsString()).Distinct().Count());
        Assert.Equal(second.Manifest.Digest.ToString(), Subject(project, final));
        Assert.Equal(carried.ToString(System.Globalization.CultureInfo.InvariantCulture), final.Annotations[AnnotationKeys.ResumeCarried]);
        var carriedRuns = final.Runs.Where(r => second.Runs.Any(s => s.Id == r.Id)).ToList();
        Assert.Equal(carried, carriedRuns.Count);
        Assert.All(carriedRuns, r => Assert.Equal(StoredForm(second, second.Runs.Single(s => s.Id == r.Id)), StoredForm(final, r)));
        Assert.Contains(final.Runs, r => r.Parameters["test.method"].AsString() == "Skipped" && Outcome(r) == "skipped");

        var again = project.Dotnet(["test", "--no-build", "-p:OmmxResume=true"], inProject: "E2E");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("OMMX: nothing to resume", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void FailingCasesFixed_FilterRunsOnlyFilteredFailures_ChangedAssemblyRefusedThenForced()
    {
        using var project = NewProject();
        Assert.Equal(0, project.Dotnet(["build"], inProject: "E2E").ExitCode);
        var failing = project.Dotnet(["test", "--no-build"], new Dictionary<string, string?> { ["E2E_FAIL"] = "1" }, "E2E");
        output.WriteLine(failing.Output);
        Assert.NotEqual(0, failing.ExitCode);
        Assert.Contains("resume:  dotnet test -p:OmmxResume=true", failing.Output, StringComparison.Ordinal);
        var checkpoint = NewestCheckpoint(project);
        Assert.Equal(50, checkpoint.Runs.Count);

        // Fixed, but only Flaky selected: Case(7) stays failed (carried as it was), so the result is a failed checkpoint again.
        var filtered = project.Dotnet(["test", "--no-build", "-p:OmmxResume=true", "--filter", "FullyQualifiedName~Flaky"], inProject: "E2E");
        output.WriteLine(filtered.Output);
        Assert.Equal(0, filtered.ExitCode);
        Assert.Equal(1, VsTestTotal(filtered.Output));
        Assert.Contains("49 carried, 1 ran", filtered.Output, StringComparison.Ordinal);
        Assert.Contains("Case(i: 7) (carried, not run again)", filtered.Output, StringComparison.Ordinal);

        // The test assembly changes (a new test case): refused, naming it, until forced.
        File.AppendAllText(System.IO.Path.Combine(project.Directory, "E2E", "Tests.cs"), "\npublic sealed class Added { [Fact] public void NewCase() { } }\n");
        var refused = project.Dotnet(["test", "-p:OmmxResume=true"], inProject: "E2E");
        output.WriteLine(refused.Output);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("error OMMX1081", refused.Output, StringComparison.Ordinal);
        Assert.Contains("the test assembly (mvid:", refused.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Total:", refused.Output, StringComparison.Ordinal);

        var forced = project.Dotnet(["test", "--no-build", "-p:OmmxResume=true", "-p:OmmxResumeForce=true"], inProject: "E2E");
        output.WriteLine(forced.Output);
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("warning OMMX1082", forced.Output, StringComparison.Ordinal);
        // Case(7), the new test case, and the skipped one run; the other 48 are carried.
        Assert.Contains("(51 runs; resumed ", forced.Output, StringComparison.Ordinal);
        Assert.Contains("48 carried, 3 ran", forced.Output, StringComparison.Ordinal);
        Assert.Equal(3, VsTestTotal(forced.Output));
        using var final = Experiment.Load(Repository + ":latest", project.RegistryRoot);
        Assert.Equal(51, final.Runs.Count);
        Assert.All(final.Runs, r => Assert.NotEqual("failed", Outcome(r)));
        Assert.Contains("the test assembly", final.Annotations[AnnotationKeys.ResumeForced], StringComparison.Ordinal);
    }

    private ConsumerProject NewProject()
    {
        var project = new ConsumerProject(feed);
        project.AddProject("E2E", new Dictionary<string, string> { ["Tests.cs"] = Tests, ["Order.cs"] = ScratchSources.OrderByName },
            extraProperties: $"<OmmxExperimentRepository>{Repository}</OmmxExperimentRepository><XunitParallelizeTestCollections>false</XunitParallelizeTestCollections>");
        return project;
    }

    /// <summary>Starts <c>dotnet test --no-build</c>, waits until row <paramref name="hangAt"/> hangs, kills the whole process tree; returns what it printed.</summary>
    private string KillDuring(ConsumerProject project, int hangAt, string[] arguments)
    {
        var ready = System.IO.Path.Combine(project.Directory, "ready-" + hangAt + ".txt");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = System.IO.Path.Combine(project.Directory, "E2E"), UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "test", "--no-build" }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "OMMX_EXPERIMENT_NAME", "OMMX_EXPERIMENT_REPOSITORY", "OMMX_SESSION_ID", "OMMX_SESSION_ROOT", "OMMX_RESUME", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["NUGET_PACKAGES"] = feed.PackageCache;
        info.Environment["OMMX_LOCAL_REGISTRY_ROOT"] = project.RegistryRoot;
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["E2E_HANG"] = hangAt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["E2E_READY"] = ready;
        var printed = new StringBuilder();
        using var run = Process.Start(info)!;
        run.OutputDataReceived += (_, e) =>
        {
            lock (printed)
            {
                printed.AppendLine(e.Data);
            }
        };
        run.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (!File.Exists(ready) && DateTime.UtcNow < deadline && !run.HasExited)
        {
            Thread.Sleep(100);
        }

        Assert.True(File.Exists(ready), "the hanging test never started:\n" + printed);
        // Process.Kill on Unix is SIGKILL, here to every process of the tree: MSBuild, VSTest, the test host.
        run.Kill(entireProcessTree: true);
        run.WaitForExit();
        lock (printed)
        {
            output.WriteLine(printed.ToString());
            return printed.ToString();
        }
    }

    /// <summary>The newest failed or interrupted checkpoint of the repository; the next <c>dotnet test</c> settles a killed one first, so a GC runs here to do it.</summary>
    private Experiment NewestCheckpoint(ConsumerProject project)
    {
        var gc = project.Dotnet(["build", "-t:OmmxGc"], inProject: "E2E");
        Assert.Equal(0, gc.ExitCode);
        using var registry = LocalRegistry.Open(project.RegistryRoot);
        var newest = Testing.Resume.ResumePlanner.Resumable(registry, Repository).First();
        return Experiment.Load(newest.ImageName, project.RegistryRoot);
    }

    private static string Subject(ConsumerProject project, Experiment experiment)
    {
        using var registry = LocalRegistry.Open(project.RegistryRoot);
        return registry.ReadManifest(experiment.Manifest!.Digest).Manifest.Subject!.Digest.ToString();
    }

    private static string Outcome(RunView run) => run.Parameters["test.outcome"].AsString();

    private static IEnumerable<string> Lines(string text, string prefix) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(prefix, StringComparison.Ordinal));

    /// <summary>The test count <c>dotnet test</c> printed (<c>Total: n</c>).</summary>
    private static int VsTestTotal(string text) =>
        TotalRegex().Match(text) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;

    /// <summary>Everything a Run stores: id, status, reason, every parameter, every attachment's descriptor and bytes.</summary>
    private static string StoredForm(Experiment experiment, RunView run)
    {
        var text = new StringBuilder().Append(run.Id).Append('|').Append(run.Status).Append('|').Append(run.LifecycleReason).Append('\n');
        foreach (var (name, value) in experiment.RunParameters.ForRun(run.Id).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('=').Append(value.Kind).Append(':').Append(value).Append('\n');
        }

        foreach (var name in run.AttachmentNames)
        {
            var attachment = run.Attachment(name);
            text.Append(name).Append(' ').Append(attachment.Stored.Digest).Append(' ').Append(attachment.Stored.Size).Append(' ')
                .Append(Convert.ToHexString(run.GetAttachmentBytes(name))).Append('\n');
        }

        return text.ToString();
    }

    [GeneratedRegex(@"Total:\s+(\d+)")]
    private static partial Regex TotalRegex();

    [GeneratedRegex(@"\((\d+) runs; resumed [^:]+:[^:]+: (\d+) carried, (\d+) ran\)")]
    private static partial Regex CountsRegex();
}
