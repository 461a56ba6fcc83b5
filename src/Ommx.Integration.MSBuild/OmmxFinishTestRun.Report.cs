namespace Ommx.Integration.MSBuild;

/// <summary><c>OmmxReport=true</c>: the run's Experiment (or checkpoint) as a report page next to the test results.</summary>
public sealed partial class OmmxFinishTestRun
{
    /// <summary>Write the report page after the commit or checkpoint (<c>OmmxReport</c>).</summary>
    public bool ReportEnabled { get; set; }

    /// <summary>Where the page goes (<c>OmmxReportFile</c>; the targets default it next to the test results).</summary>
    public string? ReportPath { get; set; }

    /// <summary>The report page written, when one was.</summary>
    [Microsoft.Build.Framework.Output]
    public string? ReportWritten { get; private set; }
}
