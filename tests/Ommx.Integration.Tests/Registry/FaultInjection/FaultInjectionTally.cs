using System.Globalization;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Tests.Registry.FaultInjection;

/// <summary>
/// Adds up what the fault-injection tests did (shared by the class) and prints it as one summary line:
/// after each test through its output, and once more when the class is done (as a diagnostic message).
/// </summary>
public sealed class FaultInjectionTally : IDisposable
{
    private readonly IMessageSink sink;
    private readonly Lock gate = new();
    private readonly SortedDictionary<string, long> counts = new(StringComparer.Ordinal);

    public FaultInjectionTally(IMessageSink sink) => this.sink = sink;

    public void Add(string name, long value)
    {
        lock (gate)
        {
            counts[name] = counts.GetValueOrDefault(name) + value;
        }
    }

    public string Summary()
    {
        lock (gate)
        {
            return "fault-injection summary: " + string.Join(", ", counts.Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}"));
        }
    }

    public void Dispose()
    {
        var line = Summary();
        sink.OnMessage(new DiagnosticMessage(line));
        Console.WriteLine(line);
    }
}
