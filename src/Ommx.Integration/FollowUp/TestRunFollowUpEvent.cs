namespace Ommx.Integration.FollowUp;

/// <summary>What a line of <see cref="TestRunFollowUp"/> reports; each shell gives it its <c>OMMX</c> code.</summary>
internal enum TestRunFollowUpEvent
{
    /// <summary>A plain result line (the comparison's summary, the report's path, the push).</summary>
    Information,

    /// <summary>The comparison could not be made (nothing published, or it failed). <c>OMMX1064</c>.</summary>
    BaselineNotCompared,

    /// <summary>The baseline could not be loaded. <c>OMMX1063</c>.</summary>
    BaselineUnavailable,

    /// <summary>A case broke or a declared metric regressed against the baseline. <c>OMMX1061</c>, <c>OMMX1062</c> with the gate.</summary>
    Regression,

    /// <summary>The summary file could not be written. <c>OMMX1066</c>.</summary>
    SummaryNotWritten,

    /// <summary>The report page could not be written. <c>OMMX1070</c>.</summary>
    ReportNotWritten,

    /// <summary>The committed Experiment could not be pushed. <c>OMMX1030</c>.</summary>
    PushFailed,
}
