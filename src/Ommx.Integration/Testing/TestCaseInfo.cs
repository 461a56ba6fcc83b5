namespace Ommx.Integration.Testing;

/// <summary>What a test framework knows about a test case when it starts.</summary>
internal sealed record TestCaseInfo(string Id, string DisplayName, string? ClassName, string? MethodName)
{
    /// <summary>Theory arguments by parameter name, recorded by <see cref="TestSessionSettings.ArgumentColumns"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Arguments { get; init; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Traits { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>1 for the first run of the test case; 2, 3, … for its retries (<c>OmmxRetryFailed</c>).</summary>
    public int Attempt { get; init; } = 1;
}
