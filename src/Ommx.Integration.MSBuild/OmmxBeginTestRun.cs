using Microsoft.Build.Framework;
using Ommx.Integration.Registry;
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

        using var registry = LocalRegistry.Open(root);
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
            });
        }
        catch (ExperimentNameTakenException e)
        {
            LogError(ErrorCodes.NameTaken, e.Message);
            return false;
        }

        SessionId = session.Id;
        ImageName = session.ImageName;
        RegistryRoot = root;
        Log.LogMessage(MessageImportance.Normal, "OMMX: recording {0} ({1} {2}) as {3} in {4}", session.Id, ProjectName, TargetFramework, session.ImageName, root);
        return true;
    }
}
