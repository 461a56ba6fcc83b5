using System.Collections.Concurrent;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit.Tests.TestSupport;

/// <summary>An xunit message sink that keeps every message and signals when a given message type arrives.</summary>
internal sealed class CollectingSink : LongLivedMarshalByRefObject, IMessageSink, IDisposable
{
    private readonly ConcurrentQueue<IMessageSinkMessage> messages = new();

    public ManualResetEventSlim DiscoveryComplete { get; } = new();

    public IReadOnlyList<IMessageSinkMessage> Messages => [.. messages];

    public IEnumerable<string> Diagnostics => Messages.OfType<IDiagnosticMessage>().Select(m => m.Message);

    public bool OnMessage(IMessageSinkMessage message)
    {
        messages.Enqueue(message);
        if (message is IDiscoveryCompleteMessage)
        {
            DiscoveryComplete.Set();
        }

        return true;
    }

    public void Dispose() => DiscoveryComplete.Dispose();
}
