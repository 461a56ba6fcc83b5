using Ommx.Integration.Adapters;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Model;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments;

public sealed partial class Run
{
    /// <summary>
    /// Solves <paramref name="instance"/> with <paramref name="adapter"/> and records the Solve: the input as
    /// it is now, the adapter's type name, the options as JSON and the Solution. The capabilities are checked
    /// before the adapter runs. Any failure (an unsupported feature, an infeasible or unbounded model, a
    /// solver error) is recorded as a failed Solve whose diagnostics carry the reason, and then rethrown.
    /// </summary>
    /// <exception cref="ArgumentException">The options cannot be written as a JSON object (nothing is solved or recorded).</exception>
    /// <exception cref="UnsupportedModelException">The Instance uses something the adapter cannot handle.</exception>
    /// <exception cref="SolverOutcomeException">The solver proved the model infeasible or unbounded, or found no solution.</exception>
    public Solution LogSolve(ISolverAdapter adapter, Instance instance, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(instance);
        options ??= new SolverOptions();
        var optionsJson = AdapterOptionsJson.Serialize(options);
        var name = AdapterName(adapter);
        var input = StoreInput(instance);
        Solution solution;
        string rawStatus;
        try
        {
            adapter.GetCapabilities(options).EnsureSupports(instance, name);
            var result = adapter.Solve(instance, options);
            (solution, rawStatus) = result?.Solution is null
                ? throw new InvalidOperationException($"{name}.Solve(...) must return a Solution")
                : (result.Solution, result.RawStatus);
        }
        catch (Exception e)
        {
            RecordFailed(false, null, input, name, optionsJson, e);
            throw;
        }

        RecordFinished(false, ReserveSolveId(false), input, PayloadLayer.Of(solution), name, optionsJson, rawStatus);
        return solution;
    }

    /// <summary>
    /// Samples <paramref name="instance"/> with <paramref name="adapter"/> and records the Sampling (input,
    /// adapter, options, SampleSet) as <see cref="LogSolve"/> records a Solve. A SampleSet without a feasible
    /// sample is a finished Sampling; an exception is recorded as a failed one and rethrown.
    /// </summary>
    public SampleSet LogSample(ISamplerAdapter adapter, Instance instance, SamplerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(instance);
        options ??= new SamplerOptions();
        var optionsJson = AdapterOptionsJson.Serialize(options);
        var name = AdapterName(adapter);
        var input = StoreInput(instance);
        SampleSet sampleSet;
        try
        {
            adapter.GetCapabilities(options).EnsureSupports(instance, name);
            sampleSet = adapter.Sample(instance, options) ?? throw new InvalidOperationException($"{name}.Sample(...) must return a SampleSet");
        }
        catch (Exception e)
        {
            RecordFailed(true, null, input, name, optionsJson, e);
            throw;
        }

        RecordFinished(true, ReserveSolveId(true), input, PayloadLayer.Of(sampleSet), name, optionsJson, null);
        return sampleSet;
    }

    /// <summary>
    /// Opens a Solve whose native model the caller drives: the adapter builds the model now (after the
    /// capability check; a failure is recorded as a failed Solve and rethrown), the caller solves it and
    /// passes the native result to <see cref="OpenSolve{TModel, TResult}.Decode"/>; disposing the handle
    /// records the Solve.
    /// </summary>
    public OpenSolve<TModel, TResult> OpenSolve<TModel, TResult>(IModelSolverAdapter<TModel, TResult> adapter, Instance instance, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(instance);
        options ??= new SolverOptions();
        var optionsJson = AdapterOptionsJson.ToJsonObject(options);
        var name = AdapterName(adapter);
        var id = ReserveSolveId(false);
        var input = StoreInput(instance);
        ISolverModel<TModel, TResult> model;
        try
        {
            adapter.GetCapabilities(options).EnsureSupports(instance, name);
            model = adapter.BuildModel(instance, options) ?? throw new InvalidOperationException($"{name}.BuildModel(...) must return a model");
        }
        catch (Exception e)
        {
            RecordFailed(false, id, input, name, AdapterOptionsJson.Serialize(optionsJson), e);
            throw;
        }

        return new OpenSolve<TModel, TResult>(this, id, input, name, optionsJson, model);
    }

    /// <summary>The name OMMX records for an adapter: its type's full name.</summary>
    internal static string AdapterName(object adapter) => adapter.GetType().FullName ?? adapter.GetType().Name;

    private Descriptor StoreInput(Instance instance)
    {
        if (discards)
        {
            return new Descriptor(MediaTypes.InstanceV1, Digest.Compute([]), 0);
        }

        lock (gate)
        {
            EnsureOpen();
        }

        return PayloadLayer.Of(instance).Store(experiment.Registry, experiment.Lease);
    }

    internal void RecordFinished(bool sampling, ulong id, Descriptor input, PayloadLayer output, string adapter, string options, string? rawStatus)
    {
        if (discards)
        {
            return;
        }

        var stored = output.Store(experiment.Registry, experiment.Lease);
        var diagnostics = rawStatus is null ? null : StoreDiagnostics([new(SolveDiagnostics.RawStatusKey, rawStatus)]);
        AddSolve(new SolveRecord(id, RunStatus.Finished, input, stored, adapter, options) { Diagnostics = diagnostics }, sampling);
    }

    /// <summary>
    /// Records a failed (or, for cancellation, interrupted) call with its reason. A recording error is
    /// dropped: the adapter's exception, which the caller rethrows, is the one that matters.
    /// </summary>
    internal void RecordFailed(bool sampling, ulong? id, Descriptor input, string adapter, string options, Exception error)
    {
        if (discards)
        {
            return;
        }

        try
        {
            var entry = new List<KeyValuePair<string, string>> { new(SolveDiagnostics.ReasonKey, LifecycleReason.FromException(error)) };
            if (error is SolverOutcomeException outcome)
            {
                entry.Add(new(SolveDiagnostics.RawStatusKey, outcome.RawStatus));
            }

            var status = error is OperationCanceledException ? RunStatus.Interrupted : RunStatus.Failed;
            var record = new SolveRecord(id ?? ReserveSolveId(sampling), status, input, null, adapter, options) { Diagnostics = StoreDiagnostics(entry) };
            AddSolve(record, sampling);
        }
        catch (OmmxException)
        {
            // The Run closed meanwhile, or the store refused the record; the caller still gets the adapter's error.
        }
    }

    internal void RecordFailed(bool sampling, ulong id, Descriptor input, string adapter, string options, string reason)
    {
        if (discards)
        {
            return;
        }

        var entry = new List<KeyValuePair<string, string>> { new(SolveDiagnostics.ReasonKey, LifecycleReason.Normalize(reason)) };
        AddSolve(new SolveRecord(id, RunStatus.Failed, input, null, adapter, options) { Diagnostics = StoreDiagnostics(entry) }, sampling);
    }

    private Descriptor StoreDiagnostics(IReadOnlyList<KeyValuePair<string, string>> entry)
    {
        var bytes = SolveDiagnostics.Encode([entry]);
        var digest = experiment.Registry.Blobs.Put(bytes, experiment.Lease);
        return new Descriptor(MediaTypes.Diagnostics, digest, bytes.Length) { Annotations = new Dictionary<string, string>() };
    }
}
