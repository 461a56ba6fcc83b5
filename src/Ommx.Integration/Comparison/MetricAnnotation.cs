using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ommx.Integration.Comparison;

/// <summary>
/// The metric declarations recorded in an Experiment's manifest annotation <see cref="Key"/>: a JSON array of
/// <c>{"name": …, "goal": "maximize"|"minimize", "tolerance": …, "relative_tolerance": …}</c>.
/// </summary>
internal static class MetricAnnotation
{
    public const string Key = "io.github.ommx-integration.metrics";

    public static string Format(IEnumerable<MetricDeclaration> metrics)
    {
        var array = new JsonArray();
        foreach (var metric in metrics)
        {
            array.Add(new JsonObject
            {
                ["name"] = metric.Name,
                ["goal"] = GoalText(metric.Goal),
                ["tolerance"] = metric.Tolerance,
                ["relative_tolerance"] = metric.RelativeTolerance,
            });
        }

        return array.ToJsonString();
    }

    /// <summary>The declarations in <paramref name="annotations"/>; an absent or unreadable annotation gives none.</summary>
    public static IReadOnlyList<MetricDeclaration> Read(IReadOnlyDictionary<string, string> annotations)
    {
        if (!annotations.TryGetValue(Key, out var text))
        {
            return [];
        }

        try
        {
            if (JsonNode.Parse(text) is not JsonArray array)
            {
                return [];
            }

            var metrics = new List<MetricDeclaration>();
            foreach (var item in array.OfType<JsonObject>())
            {
                if (item["name"]?.GetValue<string>() is not { Length: > 0 } name || !TryParseGoal(item["goal"]?.GetValue<string>(), out var goal))
                {
                    continue;
                }

                metrics.Add(new MetricDeclaration(name, goal, Number(item["tolerance"]), Number(item["relative_tolerance"])));
            }

            return metrics;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return [];
        }
    }

    /// <summary>The goal as declarations and reports write it: <c>maximize</c> or <c>minimize</c>.</summary>
    public static string GoalText(MetricGoal goal) => goal == MetricGoal.Maximize ? "maximize" : "minimize";

    /// <summary>
    /// The one goal vocabulary, wherever a goal is written (<c>&lt;OmmxMetric Goal=…&gt;</c>, <c>ommx diff --metric</c>,
    /// the annotation): <c>maximize</c> or <c>minimize</c>, in any letter case.
    /// </summary>
    public static bool TryParseGoal(string? text, out MetricGoal goal)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "maximize":
                goal = MetricGoal.Maximize;
                return true;
            case "minimize":
                goal = MetricGoal.Minimize;
                return true;
            default:
                goal = default;
                return false;
        }
    }

    private static double Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) && double.IsFinite(number) && number >= 0 ? number : 0;
}
