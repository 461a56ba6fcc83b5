using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit;

/// <summary>
/// The bus of one attempt of a test case that may be retried (<c>OmmxRetryFailed</c>): every message is recorded at once
/// (each attempt is a Run), but passed on to the runner only by <see cref="Release"/>. An attempt that failed and is
/// retried is <see cref="Drop"/>ped, so the runner and VSTest see each test case once, with its last attempt's result.
/// </summary>
internal sealed class AttemptMessageBus(RecordingMessageBus recording) : IMessageBus
{
    private readonly List<IMessageSinkMessage> held = [];

    public bool QueueMessage(IMessageSinkMessage message)
    {
        recording.Record(message);
        lock (held)
        {
            held.Add(message);
        }

        return true;
    }

    /// <summary>Passes the attempt's messages on, in order: it is the one that counts.</summary>
    public void Release()
    {
        lock (held)
        {
            foreach (var message in held)
            {
                recording.Forward(message);
            }

            held.Clear();
        }
    }

    /// <summary>Forgets the attempt's messages: it failed and runs again.</summary>
    public void Drop()
    {
        lock (held)
        {
            held.Clear();
        }
    }

    public void Dispose()
    {
        // Nothing of its own: the recording bus and the runner's bus belong to xunit's runners.
    }
}
