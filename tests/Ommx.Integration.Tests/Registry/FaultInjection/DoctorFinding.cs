namespace Ommx.Integration.Tests.Registry.FaultInjection;

/// <summary>One problem from <c>ommx doctor --json</c>.</summary>
internal sealed record DoctorFinding(string Kind, string Subject, string Message, bool Fixed)
{
    public string? FixError { get; init; }
}
