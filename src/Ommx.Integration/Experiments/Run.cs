using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Ommx.Integration.Experiments;

/// <summary>
/// One Run of an Experiment: parameters, attachments and (later) solves. Closing it — <see cref="Finish"/>,
/// <see cref="Fail(Exception)"/>, <see cref="Interrupt"/> or disposing — makes it durable at once. Every
/// method is thread-safe; anything logged after the Run closed is refused.
/// </summary>
public sealed partial class Run : IDisposable, IAsyncDisposable
{
    private readonly Experiment experiment;
    private readonly RunRecord record;
    private readonly AttachmentScope attachments;
    private readonly bool discards;
    private readonly Lock gate = new();
    private bool closed;
    private ulong nextSolveId;
    private ulong nextSamplingId;

    internal Run(Experiment experiment, ulong id, string? label)
    {
        this.experiment = experiment;
        Label = label;
        record = new RunRecord { Id = id };
        attachments = new AttachmentScope(experiment.Registry, record.Attachments, EnsureOpen, experiment.Lease);
    }

    /// <summary>Run for <see cref="Discarding"/>: no Experiment, nothing stored.</summary>
    private Run()
    {
        experiment = null!;
        attachments = null!;
        record = new RunRecord { Id = 0 };
        discards = true;
    }

    /// <summary>
    /// A Run that accepts every call and stores nothing, for code that logs while recording is off (an xunit
    /// test with <c>OmmxEnabled=false</c>): logging calls return at once, <see cref="LogSolve"/> and
    /// <see cref="LogSample"/> still run the adapter and return its result, and closing it does nothing.
    /// </summary>
    public static Run Discarding { get; } = new();

    /// <summary>True for <see cref="Discarding"/>.</summary>
    public bool IsDiscarding => discards;

    public ulong Id => record.Id;

    /// <summary>What this Run is (a test's display name, say); journalled while the Run is open so a crash can name it.</summary>
    public string? Label { get; }

    public bool IsClosed
    {
        get
        {
            lock (gate)
            {
                return closed;
            }
        }
    }

    public void LogParameter(string name, bool value) => SetParameter(name, RunParameterValue.From(value));

    public void LogParameter(string name, long value) => SetParameter(name, RunParameterValue.From(value));

    public void LogParameter(string name, int value) => SetParameter(name, RunParameterValue.From((long)value));

    public void LogParameter(string name, double value) => SetParameter(name, RunParameterValue.From(value));

    public void LogParameter(string name, string value) => SetParameter(name, RunParameterValue.From(value));

    public void LogParameter(string name, RunParameterValue value) => SetParameter(name, value);

    /// <summary>Stores <paramref name="value"/> as an <c>application/json</c> attachment.</summary>
    public void LogJson<T>(string name, T value, AttachmentCompression compression = AttachmentCompression.None)
    {
        if (!discards)
        {
            attachments.LogJson(name, value, compression);
        }
    }

    public void LogJson(string name, JsonNode? value, AttachmentCompression compression = AttachmentCompression.None)
    {
        if (!discards)
        {
            attachments.LogJson(name, value, compression);
        }
    }

    public void LogBytes(string name, string mediaType, ReadOnlySpan<byte> bytes, AttachmentCompression compression = AttachmentCompression.None)
    {
        if (!discards)
        {
            attachments.LogBytes(name, mediaType, bytes, compression);
        }
    }

    public void LogText(string name, string text, AttachmentCompression compression = AttachmentCompression.None)
    {
        if (!discards)
        {
            attachments.LogBytes(name, "text/plain; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(text), compression);
        }
    }

    /// <summary>Streams a file in; stores its basename (or <paramref name="filename"/>) and infers the media type if not given.</summary>
    public void LogFile(string name, string path, string? mediaType = null, string? filename = null, AttachmentCompression compression = AttachmentCompression.None)
    {
        if (!discards)
        {
            attachments.LogFile(name, path, mediaType, filename, compression);
        }
    }

    public void LogWithCodec<T>(IAttachmentCodec<T> codec, string name, T value, AttachmentCompression compression = AttachmentCompression.None)
    {
        ArgumentNullException.ThrowIfNull(codec);
        if (!discards)
        {
            attachments.LogBytes(name, codec.MediaType, codec.Encode(value), compression);
        }
    }

    /// <summary>Adds a recorded Solve or Sampling whose id was reserved with <see cref="ReserveSolveId"/>.</summary>
    internal void AddSolve(SolveRecord solve, bool sampling)
    {
        if (discards)
        {
            return;
        }

        lock (gate)
        {
            EnsureOpen();
            var list = sampling ? record.Samplings : record.Solves;
            if (solve.Id >= (sampling ? nextSamplingId : nextSolveId))
            {
                throw new ExperimentStateException($"{(sampling ? "Sampling" : "Solve")} ID {solve.Id} has not been reserved");
            }

            if (list.Any(s => s.Id == solve.Id))
            {
                throw new ExperimentStateException($"Run {Id} already contains {(sampling ? "Sampling" : "Solve")} {solve.Id}");
            }

            list.Add(solve);
            list.Sort((a, b) => a.Id.CompareTo(b.Id));
        }
    }

    /// <summary>The next Solve (or Sampling) id of this Run: 0, 1, 2, … in reservation order.</summary>
    internal ulong ReserveSolveId(bool sampling)
    {
        lock (gate)
        {
            EnsureOpen();
            return sampling ? nextSamplingId++ : nextSolveId++;
        }
    }

    public void Finish() => Close(RunStatus.Finished, null);

    public void Fail(Exception exception) => Close(RunStatus.Failed, LifecycleReason.FromException(exception));

    public void Fail(string reason) => Close(RunStatus.Failed, LifecycleReason.Normalize(reason));

    /// <summary>Closes the Run as interrupted (cancelled, timed out): .NET's KeyboardInterrupt.</summary>
    public void Interrupt(string reason = "OperationCanceledException") => Close(RunStatus.Interrupted, LifecycleReason.Normalize(reason));

    /// <summary>Closes the Run with the status an escaping exception implies.</summary>
    public void CloseWith(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Close(exception is OperationCanceledException ? RunStatus.Interrupted : RunStatus.Failed, LifecycleReason.FromException(exception));
    }

    // onlyIfOpen (Dispose): a Run closed already, by another thread too, is left as it is instead of throwing; the check
    // and the close happen under one lock.
    private void Close(RunStatus status, string? reason, bool onlyIfOpen = false)
    {
        if (discards)
        {
            return;
        }

        // The attachment table's lock first (the order AttachmentScope takes them in): an attachment whose blob is
        // still being written when the Run closes is refused, never added to a record already handed to the writer.
        lock (record.Attachments)
        {
            lock (gate)
            {
                if (onlyIfOpen && closed)
                {
                    return;
                }

                EnsureOpen();
                closed = true;
                record.Status = status;
                record.Reason = reason;
            }
        }

        experiment.OnRunClosed(record);
    }

    /// <summary>
    /// Stores the value unless its type conflicts with the Experiment's column of that name; a conflict is
    /// reported through <see cref="Experiment.RecordingErrorHandler"/> (or thrown) here, at the call, never at commit.
    /// </summary>
    private void SetParameter(string name, RunParameterValue value)
    {
        if (discards)
        {
            return;
        }

        if (!TryLogParameter(name, value, out var conflict))
        {
            experiment.ReportRecordingError(new RunParameterTypeException($"Run {Id}{(Label is null ? string.Empty : $" ({Label})")}: {conflict.Message}"));
        }
    }

    /// <summary>Stores the value if its column accepts its type; otherwise leaves the Run unchanged and returns the conflict.</summary>
    internal bool TryLogParameter(string name, RunParameterValue value, [NotNullWhen(false)] out RunParameterTypeException? conflict)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (gate)
        {
            EnsureOpen();
            conflict = experiment.Columns.TryClaim(name, value.Kind);
            if (conflict is null)
            {
                record.Parameters[name] = value;
            }

            return conflict is null;
        }
    }

    private void EnsureOpen()
    {
        if (closed)
        {
            throw new ExperimentStateException($"Run {Id} has already been finished");
        }
    }

    /// <summary>Finishes the Run if it is still open.</summary>
    public void Dispose() => Close(RunStatus.Finished, null, onlyIfOpen: true);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
