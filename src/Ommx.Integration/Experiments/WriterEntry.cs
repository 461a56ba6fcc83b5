using Ommx.Integration.Experiments.Format;

namespace Ommx.Integration.Experiments;

/// <summary>
/// One event handed to an <see cref="ExperimentWriter"/>, in the order the Experiment saw it: a Run opened or
/// closed (which changes the open-Run list the next journal line carries), a journal line to write, or other
/// work that needs the journal (a draft checkpoint). <see cref="Error"/> is set if writing it failed.
/// </summary>
internal sealed class WriterEntry
{
    /// <summary>A Run opened by this event: listed as open in every later line until it closes.</summary>
    public OpenRunInfo? Opened { get; init; }

    /// <summary>A Run closed by this event: no longer listed as open from this event's line on.</summary>
    public ulong? Closed { get; init; }

    /// <summary>What the journal line of this event records (<c>null</c>: no line).</summary>
    public ExperimentContent? Line { get; init; }

    /// <summary>
    /// A compact line naming only the Runs open after this event (<c>{"journal_open":[…]}</c>): what an announced Run
    /// needs journalled before its code runs, at a fraction of a full record's cost.
    /// </summary>
    public bool OpenLine { get; init; }

    /// <summary>Work that runs on the writer after every earlier line is written (a draft checkpoint).</summary>
    public Action? Work { get; init; }

    /// <summary>Position in the writer's queue (1, 2, …); the event is done once the writer's done count reaches it.</summary>
    public long Sequence { get; set; }

    public Exception? Error { get; set; }
}
