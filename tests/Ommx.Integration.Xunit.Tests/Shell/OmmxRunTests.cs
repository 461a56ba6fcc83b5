using Ommx.Integration.Experiments;

namespace Ommx.Integration.Xunit.Tests.Shell;

/// <summary>
/// <see cref="OmmxRun.Current"/> where nothing is recorded — this test assembly runs on xunit's own framework, as a
/// project built with <c>OmmxEnabled=false</c> does.
/// </summary>
public sealed class OmmxRunTests
{
    [Fact]
    public void Current_RecordingOff_RunThatAcceptsAndDiscardsEverything()
    {
        var run = OmmxRun.Current;
        run.LogParameter("capacity", 47);
        run.LogParameter("capacity", "not a number");
        run.LogJson("selection", new[] { 1, 2 });
        run.LogText("notes", "kept nowhere");

        Assert.Same(Run.Discarding, run);
        Assert.False(OmmxRun.IsRecording);
        Assert.Null(OmmxRun.TryGetCurrent());
    }
}
