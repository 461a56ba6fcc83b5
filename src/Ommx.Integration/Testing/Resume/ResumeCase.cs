namespace Ommx.Integration.Testing.Resume;

/// <summary>One Run of a checkpoint as a resume sees it: its test-case key (the <c>ommx diff</c> case key), run id and outcome.</summary>
internal sealed record ResumeCase(string Key, ulong RunId, string? Label, string? Outcome)
{
    /// <summary>The attempt number (<c>test.attempt</c>; 1 when the test case was not retried): the last attempt decides.</summary>
    public long Attempt { get; init; } = 1;

    /// <summary>Only a passed test is carried; failed, interrupted and skipped ones run again.</summary>
    public bool Passed => Outcome == "passed";

    /// <summary>Failed or interrupted (a skipped test neither passed nor failed).</summary>
    public bool Failed => Outcome is not ("passed" or "skipped");
}
