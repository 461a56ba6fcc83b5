using System.Buffers;
using System.Text;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Experiments.Format;

/// <summary>
/// Makes every Run close durable at a cost independent of how many Runs came before. The journal is an
/// append-only file (<see cref="RunJournalFiles"/>): a header naming the draft checkpoint it continues (if
/// any), then one line per event — a manifest-shaped JSON document whose annotations carry a one-Run
/// Experiment config, that Run's parameter table and the Runs open at that moment, and whose layers are
/// the Run's payload blobs. A record carries the Experiment's annotations only when they changed since the
/// line before (replay keeps the last ones it saw; older journals carry them in every record, which reads the
/// same). A Run announced before its code runs gets a compact line naming the open Runs only
/// (<c>{"journal_open":[{"run_id":…,"label":…}]}</c>). A test host that reached its end may append the line naming
/// the artifact it stored for the build step (<see cref="PreparedArtifactLine"/>); replay ignores it, GC keeps what it
/// names. Each line is a single <c>write</c>: it survives a killed process without an
/// fsync. GC reads the journals and keeps the blobs they name. Writing an OMMX draft checkpoint compacts
/// the journal (a new file on top of that draft); a commit or a failed/interrupted checkpoint deletes it.
/// </summary>
internal sealed class ExperimentJournal : IDisposable
{
    public const string MarkerAnnotation = "io.github.ommx-integration.journal";
    public const string ConfigAnnotation = "io.github.ommx-integration.journal.config";
    public const string ParametersAnnotation = "io.github.ommx-integration.journal.parameters";
    public const string OpenRunsAnnotation = "io.github.ommx-integration.journal.open-runs";
    /// <summary>The one key of the compact line that names the Runs open after an announced Run opened.</summary>
    public const string OpenLineKey = "journal_open";
    /// <summary>The one key of the line a commit appends before publishing: <c>{"journal_commit":"sha256:…"}</c>.</summary>
    public const string CommitMarkerKey = "journal_commit";
    private readonly LocalRegistry registry;
    private readonly string writer;
    private readonly string? session;
    private readonly JournalRecordComposer composer = new();
    private FileStream? file;
    private long durableLength;
    private bool torn;

    /// <param name="registry">The registry the journal lives in.</param>
    /// <param name="requested">The requested image name.</param>
    /// <param name="writer">This writer's id (its lease id): the journal file is its own, whoever else records the name.</param>
    /// <param name="session">The <c>dotnet test</c> session a test host records, written into the header.</param>
    public ExperimentJournal(LocalRegistry registry, ImageReference requested, string writer, string? session = null)
    {
        this.registry = registry;
        this.writer = writer;
        this.session = session;
        Requested = requested;
    }

    public ImageReference Requested { get; private set; }

    /// <summary>What a new journal file continues (a draft checkpoint).</summary>
    public Descriptor? Base { get; set; }

    /// <summary>The <c>subject</c> a new journal file names when it continues no draft (see <see cref="JournalHeader.Subject"/>).</summary>
    public Descriptor? Subject { get; set; }

    /// <summary>This writer's journal file.</summary>
    public string PathNow => RunJournalFiles.PathFor(registry.Root, Requested, writer);

    /// <summary>Takes over the journal a restore read (renamed to this writer's file) and keeps appending to it.</summary>
    public void Continue(Descriptor? existingBase, string restoredPath)
    {
        Base = existingBase;
        if (restoredPath != PathNow)
        {
            File.Move(restoredPath, PathNow, overwrite: false);
        }

        file = Open(FileMode.Append);
        durableLength = file.Length;
    }

    /// <summary>
    /// Notes, before a commit publishes, which manifest it publishes: if the process dies before it removes the
    /// journal, recovery can tell its own commit from another writer's commit of the same name.
    /// </summary>
    public void MarkCommit(Digest manifest)
    {
        if (file is null && !File.Exists(PathNow))
        {
            return;
        }

        file ??= Open(FileMode.Append);
        file.Write(Encoding.UTF8.GetBytes("{\"" + CommitMarkerKey + "\":\"" + manifest + "\"}\n"));
        file.Flush();
        durableLength = file.Position;
    }

    /// <summary>
    /// Notes, as the journal's last line, the artifact a test host stored at its clean end for the build step to
    /// publish (see <see cref="PreparedArtifactLine"/>). Appended like <see cref="MarkCommit"/>, with the writer idle.
    /// </summary>
    /// <returns><c>false</c> when there is no journal to append to (nothing was journalled).</returns>
    public bool MarkPrepared(PreparedArtifactLine prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (file is null && !File.Exists(PathNow))
        {
            return false;
        }

        file ??= Open(FileMode.Append);
        file.Write(prepared.ToLine());
        file.Flush();
        durableLength = file.Position;
        return true;
    }

    /// <summary>The manifest the journal's writer was committing when it stopped, if its last line says so.</summary>
    public static Digest? CommitMarker(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (StorageErrors.IsFileError(e))
        {
            return null;
        }

        return lines.Length > 0 && TryReadCommitMarker(lines[^1], out var digest) ? digest : null;
    }

    private static bool TryReadCommitMarker(string line, out Digest digest)
    {
        digest = default;
        const string prefix = "{\"" + CommitMarkerKey + "\":\"";
        return line.StartsWith(prefix, StringComparison.Ordinal) && line.EndsWith("\"}", StringComparison.Ordinal)
            && Digest.TryParse(line[prefix.Length..^2], out digest);
    }

    public void Append(ExperimentContent delta, IReadOnlyList<OpenRunInfo>? openRuns = null) => AppendLines(ComposeLine(delta, openRuns));

    /// <summary>One journal line (newline-terminated) for <paramref name="delta"/>: pure CPU, nothing written.</summary>
    public byte[] ComposeLine(ExperimentContent delta, IReadOnlyList<OpenRunInfo>? openRuns) =>
        JournalRecordComposer.Handles(delta) ? composer.Compose(delta, Requested.ToString(), openRuns).ToArray() : ComposeGenericLine(delta, openRuns);

    /// <summary>
    /// Appends the line for <paramref name="delta"/> to <paramref name="output"/> (nothing written to the file):
    /// a Run's close through <see cref="JournalRecordComposer"/>, anything else the generic way. Only the writer calls it.
    /// </summary>
    public void ComposeLine(IBufferWriter<byte> output, ExperimentContent delta, IReadOnlyList<OpenRunInfo>? openRuns)
    {
        if (JournalRecordComposer.Handles(delta))
        {
            output.Write(composer.Compose(delta, Requested.ToString(), openRuns));
        }
        else
        {
            output.Write(ComposeGenericLine(delta, openRuns));
        }
    }

    /// <summary>The line for any record, through the artifact writer's config and the canonical manifest writer.</summary>
    internal byte[] ComposeGenericLine(ExperimentContent delta, IReadOnlyList<OpenRunInfo>? openRuns)
    {
        var (layers, config, table) = ExperimentArtifactWriter.Compose(delta, ExperimentStatus.Draft, null, Requested);
        var annotations = new Dictionary<string, string>(delta.Annotations)
        {
            [MarkerAnnotation] = Requested.ToString(),
            [ConfigAnnotation] = Encoding.UTF8.GetString(config),
            [ParametersAnnotation] = Convert.ToBase64String(table),
        };
        if (openRuns is { Count: > 0 })
        {
            annotations[OpenRunsAnnotation] = OpenRunInfo.ToJson(openRuns);
        }

        var record = new ImageManifest(MediaTypes.OmmxArtifact, new Descriptor(MediaTypes.EmptyJson, MediaTypes.EmptyJsonDigest, 2), layers)
        {
            Annotations = annotations,
        };
        var bytes = record.ToCanonicalJson();
        var line = new byte[bytes.Length + 1];
        bytes.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>
    /// The compact line (newline-terminated) naming the Runs open now, for a Run announced before its code runs:
    /// replay takes it as a record that closes nothing and changes nothing but the open-Run list.
    /// </summary>
    public static byte[] ComposeOpenLine(IReadOnlyList<OpenRunInfo> openRuns) =>
        Encoding.UTF8.GetBytes("{\"" + OpenLineKey + "\":" + OpenRunInfo.ToJson(openRuns) + "}\n");

    /// <summary>
    /// Appends the compact open-Run line for the Runs open now (id → label, in id order) to <paramref name="output"/>:
    /// the bytes of <see cref="ComposeOpenLine(IReadOnlyList{OpenRunInfo})"/>, without the list, the JSON tree or the strings in between.
    /// </summary>
    public static void ComposeOpenLine(IBufferWriter<byte> output, SortedDictionary<ulong, string?> openRuns)
    {
        output.Write("{\""u8);
        output.Write(OpenLineKeyUtf8);
        output.Write("\":["u8);
        var first = true;
        foreach (var (id, label) in openRuns)
        {
            output.Write(first ? "{\"run_id\":"u8 : ",{\"run_id\":"u8);
            first = false;
            CompactJson.WriteNumber(output, id);
            output.Write(",\"label\":"u8);
            if (label is null)
            {
                output.Write("null"u8);
            }
            else
            {
                CompactJson.WriteString(output, label);
            }

            output.Write("}"u8);
        }

        output.Write("]}\n"u8);
    }

    private static ReadOnlySpan<byte> OpenLineKeyUtf8 => "journal_open"u8;

    private static bool TryReadOpenLine(string line, out IReadOnlyList<OpenRunInfo> openRuns)
    {
        openRuns = [];
        const string prefix = "{\"" + OpenLineKey + "\":";
        if (!line.StartsWith(prefix, StringComparison.Ordinal) || !line.EndsWith('}'))
        {
            return false;
        }

        openRuns = [.. OpenRunInfo.FromJson(line[prefix.Length..^1])];
        return true;
    }

    /// <summary>
    /// Appends complete lines (each ending in <c>\n</c>) in one <c>write</c>, so a killed process leaves all of them
    /// or a torn tail that replay ignores. Several Runs' lines go out together when the writer batches them.
    /// </summary>
    public void AppendLines(ReadOnlySpan<byte> lines)
    {
        try
        {
            var header = file is null ? OpenForAppend() : null;
            if (header is null)
            {
                file!.Write(lines);
            }
            else
            {
                // The header goes out with the first lines in one write, so a kill leaves both or neither.
                var first = new byte[header.Length + lines.Length];
                header.CopyTo(first, 0);
                lines.CopyTo(first.AsSpan(header.Length));
                file!.Write(first);
            }

            file.Flush();
            durableLength = file.Position;
        }
        catch (IOException e) when (DiskFull.Is(e))
        {
            DropTornTail();
            throw DiskFull.Error(PathNow, e);
        }
    }

    /// <summary>
    /// Starts a journal file and returns its header (to be written with the first lines), or (after a failed
    /// append) continues the one there and returns <c>null</c>.
    /// </summary>
    private byte[]? OpenForAppend()
    {
        byte[]? header = null;
        if (torn && File.Exists(PathNow))
        {
            file = Open(FileMode.Append);
            durableLength = file.Length;
        }
        else
        {
            file = Open(FileMode.Create);
            durableLength = 0;
            header = Encoding.UTF8.GetBytes(new JournalHeader(Requested.ToString(), Base?.Digest, Base?.Size) { Session = session, Subject = Base is null ? Subject : null }.ToJson() + "\n");
        }

        torn = false;
        return header;
    }

    /// <summary>After a failed append: cut the file back to its last complete line (truncating needs no space).</summary>
    private void DropTornTail()
    {
        try
        {
            file?.Dispose();
        }
        catch (IOException)
        {
            // The buffered tail could not be written either; it is cut off below.
        }

        file = null;
        if (durableLength == 0)
        {
            // Not even the header made it: start over next time.
            BlobStore.TryDelete(PathNow);
            return;
        }

        torn = true;
        try
        {
            using var cut = new FileStream(PathNow, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            cut.SetLength(durableLength);
        }
        catch (IOException)
        {
            // Replay ignores a final line without its newline, so a torn tail only loses that line.
        }
    }

    /// <summary>Drops the journal (after a checkpoint or commit made it redundant).</summary>
    public void Reset(Descriptor? newBase)
    {
        file?.Dispose();
        file = null;
        BlobStore.TryDelete(PathNow);
        Base = newBase;
    }

    public void Rename(ImageReference newRequested)
    {
        var old = PathNow;
        file?.Dispose();
        file = null;
        Requested = newRequested;
        if (File.Exists(old))
        {
            File.Move(old, PathNow, overwrite: true);
            file = Open(FileMode.Append);
            durableLength = file.Length;
        }
    }

    private FileStream Open(FileMode mode)
    {
        Directory.CreateDirectory(RunJournalFiles.Directory(registry.Root));
        return new FileStream(PathNow, mode, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
    }

    /// <summary>
    /// Rebuilds the content a journal holds: its base checkpoint (if any) plus every complete line in order (a
    /// line torn by a crash is ignored). Returns <c>null</c> when the journal at <paramref name="path"/> does not
    /// exist or holds nothing yet.
    /// </summary>
    /// <param name="registry">The registry the journal belongs to.</param>
    /// <param name="path">The journal file.</param>
    /// <param name="damage">
    /// <c>null</c>: a damaged journal (bad header, a bad line, an unreadable base) throws. Otherwise each damaged
    /// part is skipped and described here, so that whatever can still be read is saved.
    /// </param>
    public static (ExperimentContent Content, Descriptor? Base, IReadOnlyList<OpenRunInfo> OpenRuns)? Replay(LocalRegistry registry, string path, List<string>? damage = null)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }

        var lines = text.Split('\n');
        if (lines.Length < 2)
        {
            // Killed before its first line was complete: the journal holds nothing yet.
            return null;
        }

        Descriptor? baseDescriptor = null;
        var first = 1;
        if (!JournalHeader.TryParse(lines[0], out var header))
        {
            if (damage is null)
            {
                throw new ExperimentFormatException($"Run journal {path} has no valid header");
            }

            damage.Add("line 1 is not a journal header (read as a record)");
            first = 0;
        }
        else if (header.Base is { } d)
        {
            baseDescriptor = new Descriptor(MediaTypes.ImageManifest, d, header.BaseSize ?? 0);
        }

        var content = new ExperimentContent { Subject = header?.Subject };
        if (baseDescriptor is not null)
        {
            try
            {
                content = ExperimentArtifactReader.Read(registry, registry.ReadManifest(baseDescriptor.Digest), [ExperimentStatus.Draft, ExperimentStatus.Failed, ExperimentStatus.Interrupted]).Content;
            }
            catch (OmmxException e) when (damage is not null)
            {
                damage.Add($"the draft checkpoint {baseDescriptor.Digest} the journal continues is unreadable ({e.Message})");
                baseDescriptor = null;
            }
        }

        IReadOnlyList<OpenRunInfo> open = [];
        // Only lines terminated by '\n' are complete; the last element is what follows the final newline.
        for (var i = first; i < lines.Length - 1; i++)
        {
            if (TryReadCommitMarker(lines[i], out _) || PreparedArtifactLine.IsPreparedLine(lines[i]))
            {
                continue;
            }

            try
            {
                if (TryReadOpenLine(lines[i], out var announced))
                {
                    open = announced;
                    continue;
                }
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
            {
                if (damage is null)
                {
                    throw new ExperimentFormatException($"Run journal {path} line {i + 1} is not a readable open-Run line: {e.Message}", e);
                }

                damage.Add($"line {i + 1} is not a readable open-Run line ({e.Message})");
                continue;
            }

            ExperimentContent delta;
            ImageManifest record;
            try
            {
                record = ImageManifest.Parse(Encoding.UTF8.GetBytes(lines[i]));
                delta = ReadRecord(record);
            }
            catch (Exception e) when (damage is not null && e is OmmxException or FormatException or KeyNotFoundException or ArgumentException)
            {
                damage.Add($"line {i + 1} is not a readable journal record ({e.Message})");
                continue;
            }
            catch (ManifestFormatException e)
            {
                throw new ExperimentFormatException($"Run journal {path} line {i + 1} is not a journal record: {e.Message}", e);
            }
            foreach (var (name, attachment) in delta.Attachments)
            {
                content.Attachments[name] = attachment;
            }

            foreach (var (id, run) in delta.Runs)
            {
                content.Runs[id] = run;
            }

            // Annotations are only ever set, never removed, so the last value of each key is the Experiment's: a
            // record that carries none (they did not change) keeps those before it, one that carries all (every
            // record of an older journal) replaces them with the same set.
            foreach (var (k, v) in delta.Annotations.Where(a => !a.Key.StartsWith(MarkerAnnotation, StringComparison.Ordinal)))
            {
                content.Annotations[k] = v;
            }

            open = record.Annotations!.TryGetValue(OpenRunsAnnotation, out var openJson) ? [.. OpenRunInfo.FromJson(openJson)] : [];
        }

        return (content, baseDescriptor, open.Where(o => !content.Runs.ContainsKey(o.RunId)).ToList());
    }

    /// <summary>Decodes one record: its config and parameter table travel in annotations, its payloads are its layers.</summary>
    private static ExperimentContent ReadRecord(ImageManifest manifest)
    {
        var annotations = manifest.Annotations ?? throw new ExperimentFormatException("Run journal record has no annotations");
        if (!annotations.TryGetValue(ConfigAnnotation, out var config) || !annotations.TryGetValue(ParametersAnnotation, out var parameters))
        {
            throw new ExperimentFormatException("Run journal record is missing its config or parameter annotation");
        }

        var table = Convert.FromBase64String(parameters);
        var withTable = new ImageManifest(manifest.ArtifactType, manifest.Config, [.. manifest.Layers, ExperimentArtifactWriter.TableDescriptor(table)])
        {
            Annotations = manifest.Annotations,
        };
        var loaded = ExperimentArtifactReader.Parse(Encoding.UTF8.GetBytes(config), withTable);
        var decoded = RunParameterTable.Decode(table);
        foreach (var runId in decoded.RunIds)
        {
            foreach (var (name, value) in decoded.ForRun(runId))
            {
                loaded.Content.Runs[runId].Parameters[name] = value;
            }
        }

        foreach (var (k, v) in manifest.Annotations!)
        {
            loaded.Content.Annotations[k] = v;
        }

        return loaded.Content;
    }

    public void Dispose() => file?.Dispose();
}
