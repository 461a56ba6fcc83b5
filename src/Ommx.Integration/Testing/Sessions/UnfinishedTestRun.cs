namespace Ommx.Integration.Testing.Sessions;

/// <summary>A session whose build process is gone without settling it (<c>ommx doctor</c> reports each).</summary>
/// <param name="Session">The session as the build opened it.</param>
/// <param name="Failure">Why recovering it automatically failed; <c>null</c> when nothing has tried yet.</param>
/// <param name="JournalBytes">The size of the Run journal it left (0 for none).</param>
internal sealed record UnfinishedTestRun(TestRunSession Session, TestRunSessionFailure? Failure, long JournalBytes);
