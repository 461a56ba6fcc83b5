namespace Ommx.Integration.Experiments;

/// <summary>
/// The run parameters that make a Run a test case, by name: one owner for the recorder that writes them
/// (<c>Testing.TestSession</c>) and everything that reads them back (comparison and history, inspect's grid).
/// </summary>
internal static class TestCaseParameters
{
    /// <summary>What every name below starts with.</summary>
    public const string Prefix = "test.";

    /// <summary>The test framework's test case id: the same test and theory row get the same id in every run.</summary>
    public const string Id = "test.id";

    public const string DisplayName = "test.display_name";

    public const string Class = "test.class";

    public const string Method = "test.method";

    /// <summary><c>passed</c>, <c>failed</c>, <c>skipped</c>, <c>interrupted</c>, ...</summary>
    public const string Outcome = "test.outcome";

    public const string DurationSeconds = "test.duration_seconds";

    public const string SkipReason = "test.skip_reason";

    /// <summary>Which attempt of a retried test case the Run recorded (1 = the first run).</summary>
    public const string Attempt = "test.attempt";

    /// <summary>A test case's traits are run parameters <c>trait.&lt;name&gt;</c> (values joined by commas).</summary>
    public const string TraitPrefix = "trait.";
}
