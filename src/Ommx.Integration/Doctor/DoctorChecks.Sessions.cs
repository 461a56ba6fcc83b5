using Ommx.Integration.Registry;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.Doctor;

internal static partial class DoctorChecks
{
    /// <summary>Test sessions whose build process is gone without settling them: fixable by recovering, salvaging or removing them.</summary>
    public static void Sessions(LocalRegistry registry, DoctorScan scan)
    {
        var unfinished = new TestRunSessions(registry).ListUnfinished();
        scan.UnfinishedSessions = unfinished.Count;
        foreach (var run in unfinished)
        {
            var session = run.Session;
            scan.SessionNames.Add(session.ImageName);
            var project = string.Join(' ', new[] { session.Project, session.TargetFramework }.Where(s => s is not null));
            var state = run.Failure is { } failure
                ? $"recovering it failed ({failure.Reason})"
                : "its build process is gone before its commit step finished";
            var journal = run.JournalBytes > 0 ? $"a Run journal of {ByteSize.Format(run.JournalBytes)}" : "no Run journal";
            scan.Problems.Add(new DoctorProblem(DoctorProblemKind.UnfinishedSession, session.Id,
                $"dotnet test of {(project.Length > 0 ? project : "a project")} started {session.CreatedUtc:u} as {session.ImageName}: {state}; it left {journal}")
            {
                Fixable = true,
                Hint = "--fix turns it into an interrupted checkpoint with every Run that can still be read, or removes its files if nothing can",
            });
        }
    }
}
