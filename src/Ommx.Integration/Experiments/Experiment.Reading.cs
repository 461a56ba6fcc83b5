using System.Text.Json.Nodes;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments;

public sealed partial class Experiment
{
    /// <summary>Experiment-level attachment names, sorted.</summary>
    public IReadOnlyList<string> AttachmentNames
    {
        get
        {
            lock (gate)
            {
                return [.. content.Attachments.Keys];
            }
        }
    }

    /// <summary>Closed Runs in id order (works while recording too).</summary>
    public IReadOnlyList<RunView> Runs
    {
        get
        {
            lock (gate)
            {
                return content.Runs.Values.Select(r => new RunView(Registry, r.Clone())).ToList();
            }
        }
    }

    public string AttachmentMediaType(string name) => Find(name).MediaType;

    public byte[] GetAttachmentBytes(string name) => AttachmentScope.Read(Registry, Find(name));

    public JsonNode? GetJson(string name) => RunView.ParseJson(name, Find(name), Registry);

    public T GetWithCodec<T>(IAttachmentCodec<T> codec, string name)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return RunView.Decode(codec, Find(name), Registry);
    }

    /// <summary>The run-parameter table of the closed Runs (int columns promoted to float where OMMX would).</summary>
    internal RunParameterTable RunParameters
    {
        get
        {
            lock (gate)
            {
                return RunParameterTable.FromRuns(content.Runs.Values.Select(r => (r.Id, (IReadOnlyDictionary<string, RunParameterValue>)r.Parameters)));
            }
        }
    }

    /// <summary>The run-parameter table as pandas prints it (<c>to_string(na_rep="&lt;NA&gt;")</c>).</summary>
    public string RenderRunParameters()
    {
        lock (gate)
        {
            return RunParameters.Render(content.Runs.Keys);
        }
    }

    private Attachment Find(string name)
    {
        lock (gate)
        {
            return content.Attachments.TryGetValue(name, out var a) ? a : throw new KeyNotFoundException(name);
        }
    }

    internal Descriptor? Subject => content.Subject;
}
