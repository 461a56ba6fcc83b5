using Microsoft.Build.Framework;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing.Resume;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.MSBuild;

/// <summary>
/// Runs before <c>VSTest</c>: settles stale sessions, then opens this run's session — a fresh image name, or
/// the explicit one after checking that it is free (refused here, before an hour of tests, not after).
/// </summary>
public sealed class OmmxBeginTestRun : OmmxTask
{
    public string? ExperimentName { get; set; }

    public string? ExperimentRepository { get; set; }

    public string? ProjectName { get; set; }

    public string? TargetFramework { get; set; }

    /// <summary>The project's <c>TargetFrameworks</c> as evaluated; more than one non-empty entry gives an explicit tag a <c>-&lt;tfm&gt;</c> suffix.</summary>
    public string? TargetFrameworks { get; set; }

    public string? GitCommit { get; set; }

    /// <summary>The test assembly (<c>$(TargetPath)</c>): its identity is part of the run's fingerprint.</summary>
    public string? TestAssembly { get; set; }

    /// <summary>The project's declared inputs (<c>OmmxInput</c> items): their digest is part of the run's fingerprint.</summary>
    public ITaskItem[] Inputs { get; set; } = [];

    /// <summary>The project directory the input paths are relative to.</summary>
    public string? ProjectDirectory { get; set; }

    /// <summary><c>OmmxResume</c>: run only what did not pass in the newest failed or interrupted checkpoint.</summary>
    public bool Resume { get; set; }

    /// <summary><c>OmmxResumeFrom</c>: the checkpoint to resume (implies <see cref="Resume"/>).</summary>
    public string? ResumeFrom { get; set; }

    /// <summary><c>OmmxResumeForce</c>: resume although the fingerprint changed.</summary>
    public bool ResumeForce { get; set; }

    /// <summary><c>OmmxRetryFailed</c>: re-run a failed test case up to this many times (0 to 100; empty: 0).</summary>
    public string? RetryFailed { get; set; }

    [Output]
    public string? SessionId { get; private set; }

    [Output]
    public string? ImageName { get; private set; }

    /// <summary>The resolved registry root, absolute, for the test host.</summary>
    [Output]
    public string? RegistryRoot { get; private set; }

    private protected override string ErrorCode => ErrorCodes.BeginFailed;

    private protected override bool Run()
    {
        var root = Path.GetFullPath(Ommx.Integration.Registry.LocalRegistryRoot.Resolve(Root));
        if (root.Contains(';', StringComparison.Ordinal))
        {
            LogError(ErrorCodes.UnusableRoot, $"The Local Registry root '{root}' contains ';', which cannot be passed to the test host through run settings; choose another OmmxLocalRegistryRoot.");
            return false;
        }

        var retries = 0;
        if (!string.IsNullOrWhiteSpace(RetryFailed) && (!int.TryParse(RetryFailed.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out retries) || retries > 100))
        {
            LogError(ErrorCodes.InvalidRetry, $"OmmxRetryFailed must be a whole number from 0 to 100 (how many times a failed test case runs again), not '{RetryFailed}'.");
            return false;
        }

        // The index (SQLite, and its native library in this MSBuild process) is opened only if a step needs it: a stale
        // session to settle, an explicit name to check, a resume to plan, an anonymous name (the registry id).
        using var registry = new DeferredRegistry(root);
        var sessions = new TestRunSessions(registry);
        foreach (var stale in sessions.RecoverStale())
        {
            LogWarning(ErrorCodes.StaleSession, stale.Headline);
        }

        TestRunSession session;
        try
        {
            session = sessions.Begin(new TestRunRequest
            {
                ExperimentName = ExperimentName,
                ExperimentRepository = ExperimentRepository,
                Project = ProjectName,
                TargetFramework = TargetFramework,
                MultiTargeted = TestRunRequest.IsMultiTargeted(TargetFrameworks),
                GitCommit = GitCommit,
                Fingerprint = Fingerprint(),
                Resume = Resume,
                ResumeFrom = ResumeFrom,
                ResumeForce = ResumeForce,
                RetryFailed = retries,
            });
        }
        catch (ExperimentNameTakenException e)
        {
            LogError(ErrorCodes.NameTaken, e.Message);
            return false;
        }
        catch (ResumeRefusedException e)
        {
            LogError(e.Decision.Changes.Count > 0 ? ErrorCodes.ResumeRefused : ErrorCodes.ResumeUnavailable, e.Message);
            return false;
        }

        if (session.Resume?.ForcedAcross is { } forced)
        {
            LogWarning(ErrorCodes.ResumeForced, $"OmmxResumeForce: resuming {session.Resume.RecordedName} ({session.Resume.ManifestDigest}) although {forced}; the passes carried over were measured on the old build (recorded in the Experiment's annotations)");
        }

        if (session.ResumeNote is { } note)
        {
            Report(note);
        }

        SessionId = session.Id;
        ImageName = session.ImageName;
        RegistryRoot = root;
        Log.LogMessage(MessageImportance.Normal, "OMMX: recording {0} ({1} {2}) as {3} in {4}", session.Id, ProjectName, TargetFramework, session.ImageName, root);
        return true;
    }

    /// <summary>What this run tests: the assembly's identity (when it is built), the git commit, the inputs' digest.</summary>
    private TestRunFingerprint Fingerprint()
    {
        var assembly = !string.IsNullOrWhiteSpace(TestAssembly) && File.Exists(TestAssembly) ? TestRunFingerprint.AssemblyIdentityOf(TestAssembly) : null;
        var commit = GitCommit?.Trim() is { Length: 40 } hex && hex.All(char.IsAsciiHexDigit) ? hex.ToLowerInvariant() : null;
        var inputs = TestRunFingerprint.DeclaredInputsOf(Inputs.Select(i => i.GetMetadata("FullPath") is { Length: > 0 } full ? full : i.ItemSpec), ProjectDirectory ?? Directory.GetCurrentDirectory());
        return new TestRunFingerprint(assembly, commit, inputs);
    }
}
