using System.Text.Json.Nodes;
using Ommx.Integration.Adapters;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Model;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments;

/// <summary>
/// A Solve in progress whose native model the caller drives (from <see cref="Run.OpenSolve{TModel, TResult}"/>).
/// Solve <see cref="Model"/> natively, then <see cref="Decode"/> the native result. Disposing records the
/// Solve: finished with the last decoded Solution (as it is at that moment), otherwise failed — with the
/// decode error as its reason, the exception given to <see cref="Fail"/>, or "closed without a decoded
/// Solution". Disposing never throws for a missing decode; the record says what happened.
/// </summary>
public sealed class OpenSolve<TModel, TResult> : IDisposable
{
    private readonly Run run;
    private readonly Descriptor input;
    private readonly string adapter;
    private readonly JsonObject options;
    private readonly ISolverModel<TModel, TResult> model;
    private readonly Lock gate = new();
    private Solution? decoded;
    private Exception? decodeError;
    private bool closed;

    internal OpenSolve(Run run, ulong solveId, Descriptor input, string adapter, JsonObject options, ISolverModel<TModel, TResult> model)
    {
        this.run = run;
        SolveId = solveId;
        this.input = input;
        this.adapter = adapter;
        this.options = options;
        this.model = model;
    }

    public ulong SolveId { get; }

    /// <summary>The native model to solve.</summary>
    public TModel Model
    {
        get
        {
            lock (gate)
            {
                EnsureOpen();
                return model.Model;
            }
        }
    }

    /// <summary>The options recorded so far (the constructor's, plus everything logged with <see cref="LogAdapterOption"/>).</summary>
    public string AdapterOptions
    {
        get
        {
            lock (gate)
            {
                return AdapterOptionsJson.Serialize(options);
            }
        }
    }

    /// <summary>
    /// Turns the native result into the Solution this Solve records. A failing decode (an infeasible model,
    /// say) leaves no Solution; its exception propagates and becomes the failure reason.
    /// </summary>
    public Solution Decode(TResult result)
    {
        lock (gate)
        {
            EnsureOpen();
            decoded = null;
            decodeError = null;
            try
            {
                decoded = model.Decode(result) ?? throw new InvalidOperationException($"{adapter} decode must return a Solution");
            }
            catch (Exception e)
            {
                decodeError = e;
                throw;
            }

            return decoded;
        }
    }

    /// <summary>Records an option set on the native model (a native parameter, a cut added) with the Solve.</summary>
    public void LogAdapterOption(string name, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (gate)
        {
            EnsureOpen();
            options[name] = value?.DeepClone();
        }
    }

    /// <summary>Closes the Solve as failed (interrupted for cancellation) with <paramref name="error"/> as its reason, even if a Solution was decoded.</summary>
    public void Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (gate)
        {
            EnsureOpen();
            closed = true;
            run.RecordFailed(false, SolveId, input, adapter, AdapterOptionsJson.Serialize(options), error);
        }

        model.Dispose();
    }

    /// <summary>Records the Solve (see the class summary) and releases the native model.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            closed = true;
            var optionsText = AdapterOptionsJson.Serialize(options);
            try
            {
                if (decoded is not null)
                {
                    run.RecordFinished(false, SolveId, input, PayloadLayer.Of(decoded), adapter, optionsText, null);
                }
                else if (decodeError is not null)
                {
                    run.RecordFailed(false, SolveId, input, adapter, optionsText, decodeError);
                }
                else
                {
                    run.RecordFailed(false, SolveId, input, adapter, optionsText, "OpenSolve was closed without a decoded Solution");
                }
            }
            finally
            {
                model.Dispose();
            }
        }
    }

    private void EnsureOpen()
    {
        if (closed)
        {
            throw new ExperimentStateException("OpenSolve has already been closed");
        }
    }
}
