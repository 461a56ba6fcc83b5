namespace Ommx.Integration.Testing;

/// <summary>What a test framework knows about a test case when it starts.</summary>
internal sealed record TestCaseInfo(string Id, string DisplayName, string? ClassName, string? MethodName)
{
    /// <summary>Theory arguments by parameter name, recorded by <see cref="TestSessionSettings.ArgumentColumns"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Arguments { get; init; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Traits { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
