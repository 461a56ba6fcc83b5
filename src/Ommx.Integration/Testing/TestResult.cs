namespace Ommx.Integration.Testing;

/// <summary>A finished test case: outcome, duration, captured output and, for failures, the exception.</summary>
internal sealed record TestResult(TestOutcome Outcome, double DurationSeconds, string Output)
{
    public string? ExceptionType { get; init; }

    public string? ExceptionMessage { get; init; }

    public string? StackTrace { get; init; }

    public string? SkipReason { get; init; }
}
