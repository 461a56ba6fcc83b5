using Xunit;

namespace Ommx.Integration.XunitV3;

/// <summary>
/// Sends the adapter's <c>OMMX:</c> lines as xunit diagnostic messages through <see cref="TestContext.Current"/> (shown
/// with <c>diagnosticMessages: true</c> in xunit.runner.json, <c>-diagnostics</c>, or <c>--xunit-diagnostics-on</c> under
/// Microsoft.Testing.Platform). Diagnostics go to xunit's diagnostic sink, never to the execution sink, which drops
/// them. A sink that throws is ignored: recording must never break the run.
/// </summary>
internal static class DiagnosticSink
{
    public static void Send(string message)
    {
        try
        {
            TestContext.Current.SendDiagnosticMessage(message);
        }
        catch (Exception e) when (!SessionRecorder.IsFatal(e))
        {
            // A diagnostic sink that throws cannot be told anything.
        }
    }
}
