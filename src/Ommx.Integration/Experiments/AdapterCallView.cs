using System.Text.Json;
using System.Text.Json.Nodes;
using Ommx.Integration.Adapters;
using Ommx.Integration.Model;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Experiments;

/// <summary>
/// A recorded Solve or Sampling, read-only: status, adapter, options, input Instance, diagnostics and,
/// for a failed call, the reason. Payloads are decoded when first asked for.
/// </summary>
public abstract class AdapterCallView
{
    private readonly string what;
    private Instance? input;
    private IReadOnlyList<object?>? diagnostics;

    private protected AdapterCallView(LocalRegistry registry, SolveRecord record, string what)
    {
        Registry = registry;
        Record = record;
        this.what = what;
    }

    internal SolveRecord Record { get; }

    public ulong Id => Record.Id;

    public RunStatus Status => Record.Status;

    /// <summary>The adapter's name as recorded (for .NET adapters, the type's full name).</summary>
    public string Adapter => Record.Adapter;

    /// <summary>The options as stored: a JSON document.</summary>
    public string AdapterOptions => Record.AdapterOptions;

    /// <summary>The Instance the adapter was given, as it was at the call.</summary>
    public Instance Input => input ??= Instance.FromLayer(Record.Input.MediaType, Registry.Blobs.Read(Record.Input));

    /// <summary>The diagnostics entries (maps as <c>KeyValuePair&lt;object?, object?&gt;[]</c>); empty when none were stored.</summary>
    public IReadOnlyList<object?> Diagnostics => diagnostics ??= Record.Diagnostics is { } d
        ? SolveDiagnostics.Decode(Registry.Blobs.Read(d), $"{what} {Id}")
        : [];

    /// <summary>Why a failed call failed (the exception, as a lifecycle reason), when it was recorded.</summary>
    public string? FailureReason => SolveDiagnostics.Find(Diagnostics, SolveDiagnostics.ReasonKey);

    /// <summary>The solver's own status text, when it was recorded.</summary>
    public string? RawStatus => SolveDiagnostics.Find(Diagnostics, SolveDiagnostics.RawStatusKey);

    private protected LocalRegistry Registry { get; }

    /// <summary>The options as a JSON object.</summary>
    /// <exception cref="ExperimentFormatException">The stored options are not a JSON object.</exception>
    public JsonObject GetAdapterOptionsJson()
    {
        try
        {
            return JsonNode.Parse(AdapterOptions, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false }) as JsonObject
                ?? throw new ExperimentFormatException($"{what}.adapter_options must decode to a JSON object");
        }
        catch (JsonException e)
        {
            throw new ExperimentFormatException($"{what}.adapter_options must decode to a JSON object: {e.Message}", e);
        }
    }

    /// <summary>The options read back into the record type they were written from (e.g. <see cref="SolverOptions"/>).</summary>
    public T GetAdapterOptions<T>() => AdapterOptionsJson.Deserialize<T>(AdapterOptions);
}
