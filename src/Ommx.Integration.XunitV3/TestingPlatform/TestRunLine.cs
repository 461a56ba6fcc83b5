namespace Ommx.Integration.XunitV3.TestingPlatform;

/// <summary>One line for the test run's output; a warning carries the same <c>OMMX</c> code the MSBuild step gives it.</summary>
internal sealed record TestRunLine(string Text, bool IsWarning)
{
    public static TestRunLine Info(string text) => new(text, false);

    public static TestRunLine Warning(string code, string text) => new($"warning {code}: {text}", true);
}
