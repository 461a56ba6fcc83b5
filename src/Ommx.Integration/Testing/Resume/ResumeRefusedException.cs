namespace Ommx.Integration.Testing.Resume;

/// <summary>A resume refused because what the checkpoint tested changed (<see cref="ResumeDecision.Changes"/> says what).</summary>
internal sealed class ResumeRefusedException(ResumeDecision decision) : OmmxException(decision.Message)
{
    public ResumeDecision Decision { get; } = decision;
}
