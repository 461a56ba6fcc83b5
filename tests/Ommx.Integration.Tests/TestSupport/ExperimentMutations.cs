using System.Text;
using System.Text.Json.Nodes;
using Ommx.Integration.Experiments;
using Ommx.Integration.Experiments.Format;

namespace Ommx.Integration.Tests.TestSupport;

/// <summary>
/// Seeded mutations of a real Experiment's config JSON and MessagePack run-parameter table: wrong types, missing
/// fields, out-of-range numbers and layer refs, duplicate ids and names, runs the other half does not know,
/// truncated and garbage MessagePack, wrong column types. Each mutation changes exactly one of the two blobs.
/// </summary>
public static class ExperimentMutations
{
    private static readonly Func<Random, JsonNode?>[] WrongValues =
    [
        _ => JsonValue.Create("x"),
        _ => JsonValue.Create(-1),
        _ => JsonValue.Create(1.5),
        _ => JsonValue.Create(true),
        _ => null,
        _ => new JsonArray(),
        _ => new JsonObject(),
        _ => JsonValue.Create(4294967296L),
        r => JsonValue.Create(r.Next(3, 1000)),
        _ => JsonNode.Parse("18446744073709551616"),
        _ => JsonNode.Parse("1e400"),
        _ => new JsonArray(JsonValue.Create("a"), new JsonObject()),
        _ => new JsonObject { ["reason"] = 7 },
    ];

    /// <summary>One mutation: what it did, and the config and table bytes to use instead of the originals.</summary>
    public static (string Kind, byte[] Config, byte[] Table) Next(Random random, byte[] config, byte[] table)
    {
        return random.Next(10) switch
        {
            < 6 => MutateConfig(random, config, table),
            _ => MutateTable(random, config, table),
        };
    }

    private static (string, byte[], byte[]) MutateConfig(Random random, byte[] config, byte[] table)
    {
        var root = JsonNode.Parse(config)!;
        string kind;
        switch (random.Next(6))
        {
            case 0:
            {
                var (parent, key) = PickMember(random, root);
                Remove(parent, key);
                kind = $"config: remove {key}";
                break;
            }

            case 1:
            case 2:
            {
                var (parent, key) = PickMember(random, root);
                Set(parent, key, WrongValues[random.Next(WrongValues.Length)](random));
                kind = $"config: wrong value at {key}";
                break;
            }

            case 3:
            {
                var runs = root["runs"]!.AsArray();
                runs.Add(runs[random.Next(runs.Count)]!.DeepClone());
                kind = "config: duplicate run";
                break;
            }

            case 4:
            {
                var runs = root["runs"]!.AsArray();
                var run = runs[random.Next(runs.Count)]!.AsObject();
                var solve = new JsonObject
                {
                    ["solve_id"] = WrongOr(random, JsonValue.Create(0)),
                    ["input"] = WrongOr(random, JsonValue.Create(0)),
                    ["adapter"] = WrongOr(random, JsonValue.Create("a")),
                    ["status"] = WrongOr(random, JsonValue.Create("failed")),
                };
                run[random.Next(2) == 0 ? "solves" : "samplings"] = random.Next(4) == 0 ? WrongValues[random.Next(WrongValues.Length)](random) : new JsonArray(solve, solve.DeepClone());
                kind = "config: injected solve";
                break;
            }

            default:
            {
                var runs = root["runs"]!.AsArray();
                var run = runs[random.Next(runs.Count)]!.AsObject();
                run[random.Next(3) switch { 0 => "trace", 1 => "outcome", _ => "status" }] = WrongValues[random.Next(WrongValues.Length)](random);
                kind = "config: run field";
                break;
            }
        }

        return (kind, Encoding.UTF8.GetBytes(root.ToJsonString()), table);
    }

    private static JsonNode? WrongOr(Random random, JsonNode good) =>
        random.Next(3) == 0 ? WrongValues[random.Next(WrongValues.Length)](random) : good;

    private static (string, byte[], byte[]) MutateTable(Random random, byte[] config, byte[] table)
    {
        switch (random.Next(7))
        {
            case 0:
                return ("table: truncated", config, table[..random.Next(table.Length)]);
            case 1:
                var garbage = new byte[random.Next(1, 64)];
                random.NextBytes(garbage);
                return ("table: garbage", config, garbage);
            case 2:
                var flipped = (byte[])table.Clone();
                flipped[random.Next(flipped.Length)] ^= (byte)random.Next(1, 256);
                return ("table: flipped byte", config, flipped);
            case 3:
                return ("table: trailing value", config, [.. table, 0xc0]);
            case 4:
                // A Run the config does not hold (the two halves disagree on the runs).
                var extra = RunParameterTable.FromRuns([(999UL, new Dictionary<string, RunParameterValue> { ["solver"] = RunParameterValue.From("x") })]);
                return ("table: unknown run", config, extra.Encode());
            default:
                return ("table: hand-written", config, HandWrittenTable(random));
        }
    }

    /// <summary>A structurally plausible table with one defect: wrong value type, unknown type, duplicate column, negative run id…</summary>
    private static byte[] HandWrittenTable(Random random)
    {
        var writer = new MessagePackWriter();
        var defect = random.Next(6);
        writer.WriteMapHeader(1);
        writer.WriteString("columns");
        writer.WriteMapHeader(defect == 2 ? 2 : 1);
        for (var column = 0; column < (defect == 2 ? 2 : 1); column++)
        {
            writer.WriteString("solver");
            writer.WriteMapHeader(2);
            writer.WriteString("type");
            writer.WriteString(defect == 1 ? "complex128" : "int64");
            writer.WriteString("values");
            writer.WriteMapHeader(1);
            if (defect == 3)
            {
                writer.WriteInt64(-1);
            }
            else
            {
                writer.WriteUInt64(0);
            }

            switch (defect)
            {
                case 0:
                    writer.WriteString("not an int");
                    break;
                case 4:
                    writer.WriteFloat64(1.5);
                    break;
                case 5:
                    writer.WriteUInt64(ulong.MaxValue);
                    break;
                default:
                    writer.WriteInt64(1);
                    break;
            }
        }

        return writer.ToArray();
    }

    /// <summary>A random object member or array element anywhere in the tree, as (container, key or index).</summary>
    private static (JsonNode Parent, string Key) PickMember(Random random, JsonNode root)
    {
        var members = new List<(JsonNode, string)>();
        Collect(root, members);
        return members[random.Next(members.Count)];
    }

    private static void Collect(JsonNode node, List<(JsonNode, string)> into)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                into.Add((obj, key));
                if (value is not null)
                {
                    Collect(value, into);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                into.Add((array, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                if (array[i] is { } item)
                {
                    Collect(item, into);
                }
            }
        }
    }

    private static void Remove(JsonNode parent, string key)
    {
        if (parent is JsonObject obj)
        {
            obj.Remove(key);
        }
        else
        {
            parent.AsArray().RemoveAt(int.Parse(key, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static void Set(JsonNode parent, string key, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[key] = value;
        }
        else
        {
            parent.AsArray()[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
    }
}
