using Xunit.Abstractions;

namespace Ommx.Integration.Xunit.Tests.TestSupport;

/// <summary>xunit's discovery and execution options as a plain dictionary (the keys are xunit's own).</summary>
internal sealed class XunitOptions : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
{
    private readonly Dictionary<string, object?> values = new(StringComparer.Ordinal);

    public TValue GetValue<TValue>(string name) => values.TryGetValue(name, out var value) && value is TValue typed ? typed : default!;

    public void SetValue<TValue>(string name, TValue value) => values[name] = value;
}
