using System.Reflection;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing;
using Ommx.Integration.Testing.Resume;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.XunitV3.TestingPlatform;

/// <summary>
/// Opens the session of one test run from the settings the build baked into the test assembly: the same core calls,
/// checks and codes as the MSBuild step <c>OmmxBeginTestRun</c> (stale sessions first, then a fresh or explicit name).
/// </summary>
internal static class TestRunBegin
{
    /// <param name="Session">The opened session; <c>null</c> when none could be opened.</param>
    /// <param name="RegistryRoot">The resolved registry root of the session.</param>
    /// <param name="Lines">What to show.</param>
    /// <param name="Refusal">Set when the run must not start at all (an explicit name that is taken), as the MSBuild step refuses it before the tests.</param>
    public sealed record Report(TestRunSession? Session, string? RegistryRoot, IReadOnlyList<TestRunLine> Lines, string? Refusal = null);

    /// <param name="baked">The test assembly's <c>Ommx.*</c> metadata.</param>
    /// <param name="testAssembly">The test assembly: its identity is the fingerprint a resume checks; beside it lies the resume settings file.</param>
    public static Report Open(IReadOnlyDictionary<string, string> baked, Assembly? testAssembly)
    {
        var lines = new List<TestRunLine>();
        var resume = TestRunResumeSettings.Read(testAssembly?.Location);
        try
        {
            var root = Path.GetFullPath(LocalRegistryRoot.Resolve(BakedTestSettings.Get(baked, "Ommx.LocalRegistryRoot")));
            using var registry = LocalRegistry.Open(root);
            var sessions = new TestRunSessions(registry);
            foreach (var stale in sessions.RecoverStale())
            {
                lines.Add(TestRunLine.Warning(TestRunCodes.StaleSession, stale.Headline));
            }

            var session = sessions.Begin(new TestRunRequest
            {
                ExperimentName = BakedTestSettings.Get(baked, "Ommx.ExperimentName"),
                ExperimentRepository = BakedTestSettings.Get(baked, "Ommx.ExperimentRepository"),
                Project = BakedTestSettings.Get(baked, "Ommx.Project"),
                TargetFramework = BakedTestSettings.Get(baked, "Ommx.TargetFramework"),
                MultiTargeted = TestRunRequest.IsMultiTargeted(BakedTestSettings.Get(baked, "Ommx.TargetFrameworks")),
                GitCommit = BakedTestSettings.Get(baked, "Ommx.GitCommit"),
                Fingerprint = Fingerprint(baked, testAssembly),
                Resume = resume.Resume,
                ResumeFrom = resume.ResumeFrom,
                ResumeForce = resume.ResumeForce,
            });
            if (session.Resume?.ForcedAcross is { } forced)
            {
                lines.Add(TestRunLine.Warning(TestRunCodes.ResumeForced, $"OmmxResumeForce: resuming {session.Resume.ImageName} although {forced}; the passes carried over were measured on the old build (recorded in the Experiment's annotations)"));
            }

            if (session.ResumeNote is { } note)
            {
                lines.Add(TestRunLine.Info(note));
            }

            return new Report(session, root, lines);
        }
        catch (ResumeRefusedException e)
        {
            var refusal = $"error {(e.Decision.Changes.Count > 0 ? TestRunCodes.ResumeRefused : TestRunCodes.ResumeUnavailable)}: {e.Message}";
            lines.Add(new TestRunLine(refusal, IsWarning: true));
            return new Report(null, null, lines, refusal);
        }
        catch (ExperimentNameTakenException e)
        {
            var refusal = $"error {TestRunCodes.NameTaken}: {e.Message}";
            lines.Add(new TestRunLine(refusal, IsWarning: true));
            return new Report(null, null, lines, refusal);
        }
        catch (Exception e) when (StorageErrors.IsStorageError(e))
        {
            lines.Add(TestRunLine.Warning(TestRunCodes.BeginFailed, $"OMMX: recording is off for this run: could not open the test session ({e.Message})"));
        }

        return new Report(null, null, lines);
    }

    /// <summary>What this run tests, as <c>OmmxBeginTestRun</c> records it: the assembly's identity and the git commit (no declared inputs here).</summary>
    private static TestRunFingerprint? Fingerprint(IReadOnlyDictionary<string, string> baked, Assembly? testAssembly)
    {
        if (testAssembly is null)
        {
            return null;
        }

        var commit = BakedTestSettings.Get(baked, "Ommx.GitCommit")?.Trim() is { Length: 40 } hex && hex.All(char.IsAsciiHexDigit) ? hex.ToLowerInvariant() : null;
        return new TestRunFingerprint(TestRunFingerprint.AssemblyIdentityOf(testAssembly), commit, null);
    }
}
