using System.Formats.Tar;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Archives;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.Archives;

/// <summary>
/// Seeded, bounded fuzzing of <c>ommx import</c> over a real exported Experiment: flipped bytes, truncation,
/// repeated and reordered tar entries, and mutated manifest/config/index JSON (re-hashed so the mutation
/// reaches the parsers). Each case is either refused cleanly (an <see cref="OmmxException"/> or an I/O error,
/// the kinds <c>ommx import</c> reports as a refusal) with the registry's refs and blobs unchanged, or
/// accepted with an Experiment that loads and is listed without a warning. A sixth of the cases mutate the
/// Experiment's config and run-parameter table structurally (<see cref="ExperimentMutations"/>).
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class ImportFuzzTests : IDisposable
{
    private const int Seed = 20261207;
    private const int Cases = 240;
    private readonly TempRegistry source = new();
    private readonly TempRegistry target = new();

    [Fact]
    public void Import_MutatedExperimentArchives_RefusedCleanlyOrLoadable()
    {
        SampleExperiments.Commit(source.Registry, "example.com/fuzz/exp:v1", attachmentBytes: 64);
        var archivePath = source.Scratch.Combine("exp.ommx");
        OciArchiveExporter.Export(source.Registry, ImageReference.Parse("example.com/fuzz/exp:v1"), archivePath);
        target.Commit("example.com/existing:latest", "existing"u8.ToArray());
        var original = File.ReadAllBytes(archivePath);
        var entries = ReadEntries(original);
        var random = new Random(Seed);
        var (refused, accepted) = (0, 0);

        for (var i = 0; i < Cases; i++)
        {
            var (kind, bytes) = Mutate(random, original, entries, i);
            var path = target.Scratch.Combine($"case-{i}.ommx");
            File.WriteAllBytes(path, bytes);
            var refsBefore = target.Registry.ListRefs();
            var blobsBefore = BlobFiles();
            ImportResult result;
            try
            {
                result = OciArchiveImporter.Import(target.Registry, path);
            }
            catch (Exception e) when (e is OmmxException or IOException or UnauthorizedAccessException or SqliteException)
            {
                refused++;
                Assert.True(refsBefore.SequenceEqual(target.Registry.ListRefs()), $"case {i} ({kind}) was refused but changed the refs: {e.Message}");
                Assert.True(blobsBefore.SetEquals(BlobFiles()), $"case {i} ({kind}) was refused but changed the blobs: {e.Message}");
                continue;
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i} ({kind}, seed {Seed}) threw {e.GetType().Name} instead of a refusal: {e}");
                throw;
            }

            accepted++;
            if (result.ArtifactType != MediaTypes.OmmxExperiment)
            {
                continue;
            }

            try
            {
                using var loaded = Experiment.Load(target.Registry, result.Image.ToString(), new ExperimentLoadOptions { AllowPull = false });
            }
            catch (OmmxException e)
            {
                Assert.Fail($"case {i} ({kind}, seed {Seed}) was accepted but does not load: {e.Message}");
            }
        }

        Assert.Empty(ExperimentCatalog.List(target.Registry).Warnings);

        Assert.True(refused > 0 && accepted > 0, $"the fuzzer should produce both outcomes; refused {refused}, accepted {accepted}");
    }

    private static (string Kind, byte[] Bytes) Mutate(Random random, byte[] original, List<(string Name, byte[] Data)> entries, int i)
    {
        switch (i % 6)
        {
            case 0:
                var flipped = (byte[])original.Clone();
                for (var n = random.Next(1, 5); n > 0; n--)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)random.Next(1, 256);
                }

                return ("flip", flipped);
            case 1:
                return ("truncate", original[..random.Next(original.Length)]);
            case 2:
                var repeated = entries.ToList();
                var copy = repeated[random.Next(repeated.Count)];
                repeated.Insert(random.Next(repeated.Count + 1), random.Next(2) == 0 ? copy : (copy.Name, Tweak(random, copy.Data)));
                return ("repeat-entry", WriteEntries(repeated));
            case 3:
                return ("reorder", WriteEntries(entries.OrderBy(_ => random.Next()).ToList()));
            case 4:
                var (what, mutated) = MutateExperiment(random, entries);
                return (what, WriteEntries(mutated));
            default:
                return ("json", WriteEntries(MutateJson(random, entries)));
        }
    }

    /// <summary>Replaces the config or the run-parameter table with a structural mutation, re-hashed into the manifest and index.</summary>
    private static (string Kind, List<(string Name, byte[] Data)> Entries) MutateExperiment(Random random, List<(string Name, byte[] Data)> entries)
    {
        var result = entries.ToList();
        var index = JsonNode.Parse(result.Single(e => e.Name == "index.json").Data)!;
        var manifestEntry = BlobEntry(result, index["manifests"]![0]!["digest"]!.GetValue<string>());
        var manifest = JsonNode.Parse(result[manifestEntry].Data)!;
        var configAt = BlobEntry(result, manifest["config"]!["digest"]!.GetValue<string>());
        var table = manifest["layers"]!.AsArray().First(l => l!["mediaType"]!.GetValue<string>() == MediaTypes.RunParameters)!;
        var tableAt = BlobEntry(result, table["digest"]!.GetValue<string>());
        var (kind, config, tableBytes) = ExperimentMutations.Next(random, result[configAt].Data, result[tableAt].Data);
        if (config != result[configAt].Data)
        {
            Replace(result, configAt, config);
        }
        else
        {
            Replace(result, tableAt, tableBytes);
        }

        return (kind, result);
    }

    private static int BlobEntry(List<(string Name, byte[] Data)> entries, string digest) =>
        entries.FindIndex(e => e.Name == "blobs/sha256/" + digest["sha256:".Length..]);

    /// <summary>Mutates one JSON entry (index.json, the manifest or the config), then re-hashes it and every JSON that names it.</summary>
    private static List<(string Name, byte[] Data)> MutateJson(Random random, List<(string Name, byte[] Data)> entries)
    {
        var result = entries.ToList();
        var json = result.Select((e, index) => (e, index)).Where(x => x.e.Data.Length > 0 && x.e.Data[0] == (byte)'{').ToList();
        var (entry, at) = json[random.Next(json.Count)];
        var text = Encoding.UTF8.GetString(entry.Data);
        var mutated = random.Next(6) switch
        {
            0 => text.Remove(random.Next(text.Length), 1),
            1 => Regex.Replace(text, ":\"[^\"]*\"", m => random.Next(4) == 0 ? ":\"x\\ud800\"" : m.Value),
            2 => Regex.Replace(text, "\"[^\"]*\"", m => random.Next(4) == 0 ? "\"\"" : m.Value),
            3 => Regex.Replace(text, "-?\\d+", m => random.Next(3) == 0 ? (random.Next(3) switch { 0 => "-1", 1 => "1e400", _ => "9223372036854775808" }) : m.Value),
            4 => Regex.Replace(text, "\\[[^\\[\\]]*\\]", m => random.Next(3) == 0 ? "[]" : m.Value),
            _ => Regex.Replace(text, "(\"[a-z_]+\")(:)", m => random.Next(5) == 0 ? "\"renamed_" + m.Groups[1].Value.Trim('"') + "\":" : m.Value),
        };
        Replace(result, at, Encoding.UTF8.GetBytes(mutated));
        return result;
    }

    private static void Replace(List<(string Name, byte[] Data)> entries, int at, byte[] data)
    {
        var (name, old) = entries[at];
        if (!name.StartsWith("blobs/sha256/", StringComparison.Ordinal))
        {
            entries[at] = (name, data);
            return;
        }

        var oldHex = name["blobs/sha256/".Length..];
        var newHex = Digest.Compute(data).Hex;
        entries[at] = ("blobs/sha256/" + newHex, data);
        for (var j = 0; j < entries.Count; j++)
        {
            var text = Encoding.UTF8.GetString(entries[j].Data);
            if (j == at || entries[j].Data.Length == 0 || entries[j].Data[0] != (byte)'{' || !text.Contains(oldHex, StringComparison.Ordinal))
            {
                continue;
            }

            var fixedText = Regex.Replace(text, $"sha256:{oldHex}(\"\\s*,\\s*\"size\"\\s*:\\s*){old.Length}", $"sha256:{newHex}${{1}}{data.Length}")
                .Replace(oldHex, newHex, StringComparison.Ordinal);
            Replace(entries, j, Encoding.UTF8.GetBytes(fixedText));
        }
    }

    private static byte[] Tweak(Random random, byte[] data)
    {
        var copy = (byte[])data.Clone();
        if (copy.Length > 0)
        {
            copy[random.Next(copy.Length)] ^= 0x20;
        }

        return copy;
    }

    private static List<(string Name, byte[] Data)> ReadEntries(byte[] archive)
    {
        var entries = new List<(string, byte[])>();
        using var reader = new TarReader(new MemoryStream(archive));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType == TarEntryType.Directory)
            {
                continue;
            }

            using var data = new MemoryStream();
            entry.DataStream?.CopyTo(data);
            entries.Add((entry.Name, data.ToArray()));
        }

        return entries;
    }

    private static byte[] WriteEntries(List<(string Name, byte[] Data)> entries)
    {
        var builder = new TarBuilder();
        foreach (var (name, data) in entries)
        {
            builder.File(name, data);
        }

        var path = Path.GetTempFileName();
        try
        {
            builder.WriteTo(path);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private HashSet<string> BlobFiles() =>
        Directory.EnumerateFiles(target.Registry.Blobs.Sha256Directory).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal)!;

    public void Dispose()
    {
        source.Dispose();
        target.Dispose();
    }
}
