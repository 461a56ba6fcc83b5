using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit;

/// <summary>
/// Every test case the test assembly has now, whatever <c>--filter</c> selected: a resumed run drops the checkpoint's
/// test cases that are gone, and must not drop those a filter merely left out. Discovery runs with xunit's defaults.
/// </summary>
internal static class ResumeDiscovery
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The ids, or <c>null</c> (reported) when discovery failed: then nothing is dropped.</summary>
    public static HashSet<string>? AllTestCaseIds(IAssemblyInfo assembly, IMessageSink diagnostics, SessionRecorder recorder)
    {
        try
        {
            using var discoverer = new XunitTestFrameworkDiscoverer(assembly, new NoSourceInformation(), diagnostics);
            using var sink = new Sink();
            discoverer.Find(includeSourceInformation: false, sink, new Options());
            if (!sink.Complete.Wait(Timeout))
            {
                recorder.Report("OMMX: listing the test cases for the resume took too long; no test case of the checkpoint is dropped");
                return null;
            }

            return sink.Ids;
        }
        catch (Exception e) when (!SessionRecorder.IsFatal(e))
        {
            recorder.Report($"OMMX: could not list the test cases for the resume ({e.GetType().Name}: {e.Message}); no test case of the checkpoint is dropped");
            return null;
        }
    }

    private sealed class Sink : IMessageSink, IDisposable
    {
        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

        public ManualResetEventSlim Complete { get; } = new();

        public bool OnMessage(IMessageSinkMessage message)
        {
            switch (message)
            {
                case ITestCaseDiscoveryMessage found:
                    lock (Ids)
                    {
                        Ids.Add(found.TestCase.UniqueID);
                    }

                    break;
                case IDiscoveryCompleteMessage:
                    Complete.Set();
                    break;
            }

            return true;
        }

        public void Dispose() => Complete.Dispose();
    }

    /// <summary>Only ids are needed, never source locations.</summary>
    private sealed class NoSourceInformation : ISourceInformationProvider
    {
        public ISourceInformation GetSourceInformation(ITestCase testCase) => null!;

        public void Dispose()
        {
        }
    }

    /// <summary>Discovery options with every setting at xunit's default.</summary>
    private sealed class Options : ITestFrameworkDiscoveryOptions
    {
        private readonly Dictionary<string, object?> values = new(StringComparer.Ordinal);

        public TValue GetValue<TValue>(string name) => values.TryGetValue(name, out var value) && value is TValue typed ? typed : default!;

        public void SetValue<TValue>(string name, TValue value) => values[name] = value;
    }
}
