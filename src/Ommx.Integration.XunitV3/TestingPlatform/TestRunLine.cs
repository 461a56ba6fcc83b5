namespace Ommx.Integration.XunitV3.TestingPlatform;

/// <summary>One line for the test run's output; a warning carries the same <c>OMMX</c> code the MSBuild step gives it.</summary>
internal sealed record TestRunLine(string Text, bool IsWarning)
{
    public static TestRunLine Info(string text) => new(text, false);

    public static TestRunLine Warning(string code, string text) => new($"warning {code}: {text}", true);

    /// <summary>A line that fails the run (a regression under <c>OmmxFailOnRegression</c>, a failed push), shown as a warning is.</summary>
    public static TestRunLine Error(string code, string text) => new($"error {code}: {text}", true);
}
