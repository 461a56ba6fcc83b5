namespace Ommx.Integration.Reporting;

/// <summary>A failed or interrupted Run: why, and what it printed.</summary>
/// <param name="RunId">The Run id.</param>
/// <param name="Name">The test's display name, else <c>run &lt;id&gt;</c>.</param>
/// <param name="Outcome">failed or interrupted.</param>
/// <param name="Reason">The Run's lifecycle reason (exception type and message), when recorded.</param>
/// <param name="StackTrace">The <c>stack-trace.txt</c> attachment, when recorded (cut to the report's limit).</param>
/// <param name="Output">The <c>output.txt</c> attachment, when recorded (cut to the report's limit).</param>
internal sealed record ReportFailure(ulong RunId, string Name, string Outcome, string? Reason, string? StackTrace, string? Output);
