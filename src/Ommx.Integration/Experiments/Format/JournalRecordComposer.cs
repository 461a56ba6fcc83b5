using System.Buffers;
using System.Buffers.Text;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments.Format;

/// <summary>
/// Composes the journal record of a closed Run straight into bytes: byte for byte what the generic path
/// (<see cref="ExperimentArtifactWriter.Compose"/>, then <see cref="ImageManifest.ToCanonicalJson"/> of the record)
/// writes for it, without the config and manifest object trees, the parameter table's sorted dictionaries, the
/// base64 and config strings or a dictionary of annotations. It takes a record of one Run that carries no Solve,
/// Sampling or trace (every test's close); anything else goes the generic way (<see cref="Handles"/>).
/// One instance per journal: its buffers are reused, so one caller at a time (the Experiment's writer).
/// </summary>
internal sealed class JournalRecordComposer
{
    private static readonly string EmptyJsonDigest = MediaTypes.EmptyJsonDigest.ToString();
    private readonly ArrayBufferWriter<byte> line = new(4096);
    private readonly ArrayBufferWriter<byte> config = new(1024);
    private readonly MessagePackWriter table = new();
    private readonly List<string> names = [];
    private readonly List<Descriptor> layers = [];
    private readonly List<string> keys = [];
    private readonly List<string> attachmentNames = [];

    /// <summary>True when <paramref name="delta"/> is one Run's close this composer writes (else use the generic path).</summary>
    public static bool Handles(ExperimentContent delta)
    {
        if (delta.Runs.Count != 1)
        {
            return false;
        }

        foreach (var run in delta.Runs.Values)
        {
            return run is { Solves.Count: 0, Samplings.Count: 0, Trace: null };
        }

        return false;
    }

    /// <summary>The record's line, newline-terminated; valid until the next call.</summary>
    public ReadOnlySpan<byte> Compose(ExperimentContent delta, string requested, IReadOnlyList<OpenRunInfo>? openRuns)
    {
        RunRecord? run = null;
        foreach (var r in delta.Runs.Values)
        {
            run = r;
        }

        if (run is null || !Handles(delta))
        {
            throw new ArgumentException("the journal record composer takes the close of one Run without Solves, Samplings or trace", nameof(delta));
        }

        layers.Clear();
        WriteTable(run);
        WriteConfig(delta, run, requested);

        line.ResetWrittenCount();
        line.Write("{\"annotations\":{"u8);
        WriteAnnotations(delta, requested, openRuns);
        line.Write("},\"artifactType\":"u8);
        CompactJson.WriteString(line, MediaTypes.OmmxArtifact);
        line.Write(",\"config\":{\"digest\":"u8);
        CompactJson.WriteString(line, EmptyJsonDigest);
        line.Write(",\"mediaType\":"u8);
        CompactJson.WriteString(line, MediaTypes.EmptyJson);
        line.Write(",\"size\":2},\"layers\":["u8);
        for (var i = 0; i < layers.Count; i++)
        {
            if (i > 0)
            {
                line.Write(","u8);
            }

            WriteLayer(layers[i]);
        }

        line.Write("],\"schemaVersion\":2}\n"u8);
        return line.WrittenSpan;
    }

    /// <summary>The one-Run parameter table, as <see cref="RunParameterTable.Encode"/> writes it.</summary>
    private void WriteTable(RunRecord run)
    {
        names.Clear();
        names.AddRange(run.Parameters.Keys);
        names.Sort(Utf8OrdinalComparer.Instance);
        table.Reset();
        table.WriteMapHeader(1);
        table.WriteString("columns");
        table.WriteMapHeader(names.Count);
        foreach (var name in names)
        {
            var value = run.Parameters[name];
            table.WriteString(name);
            table.WriteMapHeader(2);
            table.WriteString("type");
            table.WriteString(RunParameterValue.TypeName(value.Kind));
            table.WriteString("values");
            table.WriteMapHeader(1);
            table.WriteUInt64(run.Id);
            switch (value.Kind)
            {
                case RunParameterKind.Bool:
                    table.WriteBool(value.AsBool());
                    break;
                case RunParameterKind.Int64:
                    table.WriteInt64(value.AsInt64());
                    break;
                case RunParameterKind.Float64:
                    table.WriteFloat64(value.AsDouble());
                    break;
                default:
                    table.WriteString(value.AsString());
                    break;
            }
        }
    }

    /// <summary>The record's Experiment config, in the key order <see cref="ExperimentArtifactWriter.Compose"/> writes.</summary>
    private void WriteConfig(ExperimentContent delta, RunRecord run, string requested)
    {
        config.ResetWrittenCount();
        config.Write("{\"status\":\"draft\",\"requested_image_name\":"u8);
        CompactJson.WriteString(config, requested);
        config.Write(",\"attachments\":"u8);
        WriteAttachmentTable(delta.Attachments);
        config.Write(",\"runs\":[{\"run_id\":"u8);
        CompactJson.WriteNumber(config, run.Id);
        config.Write(",\"status\":"u8);
        CompactJson.WriteString(config, StatusText.Of(run.Status));
        if (run.Status != RunStatus.Finished && run.Reason is not null)
        {
            config.Write(",\"outcome\":{\"reason\":"u8);
            CompactJson.WriteString(config, run.Reason);
            config.Write("}"u8);
        }

        config.Write(",\"attachments\":"u8);
        WriteAttachmentTable(run.Attachments);
        config.Write(",\"solves\":[],\"samplings\":[]}],\"run_parameters\":"u8);
        CompactJson.WriteNumber(config, layers.Count);
        config.Write("}"u8);
    }

    /// <summary><c>{"entries":{name:layer,…}[,"filenames":{…}]}</c>, names in UTF-8 order; adds the layers.</summary>
    private void WriteAttachmentTable(SortedDictionary<string, Attachment> attachments)
    {
        config.Write("{\"entries\":{"u8);
        attachmentNames.Clear();
        attachmentNames.AddRange(attachments.Keys);
        attachmentNames.Sort(Utf8OrdinalComparer.Instance);
        var withFilename = 0;
        for (var i = 0; i < attachmentNames.Count; i++)
        {
            var attachment = attachments[attachmentNames[i]];
            if (i > 0)
            {
                config.Write(","u8);
            }

            CompactJson.WriteString(config, attachmentNames[i]);
            config.Write(":"u8);
            CompactJson.WriteNumber(config, layers.Count);
            layers.Add(attachment.Stored);
            withFilename += attachment.Filename is null ? 0 : 1;
        }

        config.Write("}"u8);
        if (withFilename > 0)
        {
            config.Write(",\"filenames\":{"u8);
            var first = true;
            foreach (var name in attachmentNames)
            {
                if (attachments[name].Filename is not { } filename)
                {
                    continue;
                }

                if (!first)
                {
                    config.Write(","u8);
                }

                first = false;
                CompactJson.WriteString(config, name);
                config.Write(":"u8);
                CompactJson.WriteString(config, filename);
            }

            config.Write("}"u8);
        }

        config.Write("}"u8);
    }

    /// <summary>
    /// The record's annotations in UTF-8 key order: the Experiment's that changed, then (overriding a key of the same
    /// name, as the generic record's dictionary does) the journal's own: marker, config, parameter table, open Runs.
    /// </summary>
    private void WriteAnnotations(ExperimentContent delta, string requested, IReadOnlyList<OpenRunInfo>? openRuns)
    {
        var withOpen = openRuns is { Count: > 0 };
        keys.Clear();
        foreach (var key in delta.Annotations.Keys)
        {
            if (!IsJournalKey(key, withOpen))
            {
                keys.Add(key);
            }
        }

        keys.Add(ExperimentJournal.MarkerAnnotation);
        keys.Add(ExperimentJournal.ConfigAnnotation);
        keys.Add(ExperimentJournal.ParametersAnnotation);
        if (withOpen)
        {
            keys.Add(ExperimentJournal.OpenRunsAnnotation);
        }

        keys.Sort(Utf8OrdinalComparer.Instance);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            if (i > 0)
            {
                line.Write(","u8);
            }

            CompactJson.WriteString(line, key);
            line.Write(":"u8);
            switch (key)
            {
                case ExperimentJournal.MarkerAnnotation:
                    CompactJson.WriteString(line, requested);
                    break;
                case ExperimentJournal.ConfigAnnotation:
                    CompactJson.WriteUtf8AsString(line, config.WrittenSpan);
                    break;
                case ExperimentJournal.ParametersAnnotation:
                    WriteBase64(table.WrittenSpan);
                    break;
                case ExperimentJournal.OpenRunsAnnotation when withOpen:
                    CompactJson.WriteString(line, OpenRunInfo.ToJson(openRuns!));
                    break;
                default:
                    CompactJson.WriteString(line, delta.Annotations[key]);
                    break;
            }
        }
    }

    private static bool IsJournalKey(string key, bool withOpen) =>
        key is ExperimentJournal.MarkerAnnotation or ExperimentJournal.ConfigAnnotation or ExperimentJournal.ParametersAnnotation
        || (withOpen && key == ExperimentJournal.OpenRunsAnnotation);

    /// <summary>Base64 needs no JSON escape: the quoted text goes out as it is.</summary>
    private void WriteBase64(ReadOnlySpan<byte> bytes)
    {
        line.Write("\""u8);
        var span = line.GetSpan(Base64.GetMaxEncodedToUtf8Length(bytes.Length));
        _ = Base64.EncodeToUtf8(bytes, span, out _, out var written);
        line.Advance(written);
        line.Write("\""u8);
    }

    /// <summary>A layer descriptor as the canonical manifest writes it: keys in order, annotations always present.</summary>
    private void WriteLayer(Descriptor layer)
    {
        line.Write("{\"annotations\":{"u8);
        if (layer.Annotations is { Count: > 0 } annotations)
        {
            keys.Clear();
            keys.AddRange(annotations.Keys);
            keys.Sort(Utf8OrdinalComparer.Instance);
            for (var i = 0; i < keys.Count; i++)
            {
                if (i > 0)
                {
                    line.Write(","u8);
                }

                CompactJson.WriteString(line, keys[i]);
                line.Write(":"u8);
                CompactJson.WriteString(line, annotations[keys[i]]);
            }
        }

        line.Write("}"u8);
        if (layer.ArtifactType is { } artifactType)
        {
            line.Write(",\"artifactType\":"u8);
            CompactJson.WriteString(line, artifactType);
        }

        line.Write(",\"digest\":"u8);
        CompactJson.WriteString(line, layer.Digest.ToString());
        line.Write(",\"mediaType\":"u8);
        CompactJson.WriteString(line, layer.MediaType);
        line.Write(",\"size\":"u8);
        CompactJson.WriteNumber(line, layer.Size);
        line.Write("}"u8);
    }
}
