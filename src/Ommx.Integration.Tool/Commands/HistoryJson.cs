using Ommx.Integration.Comparison;
using Ommx.Integration.Experiments.Format;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx history --json</c>: <c>{"repository", "experiments": [{"image_name", "stored_as", "status", "created",
/// "revision"}], "cases": [{"key", "display_name", "outcomes": [… null where absent], "failing_since": index or null,
/// "flaky": reason or null, "metrics": {name: [… null where absent]}}]}</c>, oldest first; cases as shown (every
/// case with <c>--all</c>). Non-finite numbers are <c>null</c>.
/// </summary>
internal static class HistoryJson
{
    public static void Write(TextWriter output, HistoryReport report, IReadOnlyList<CaseHistory> cases) => JsonOutput.Write(output, w =>
    {
        w.WriteStartObject();
        w.WriteString("repository", report.Repository);
        w.WriteStartArray("experiments");
        foreach (var entry in report.Experiments)
        {
            w.WriteStartObject();
            w.WriteString("image_name", entry.Image.ToString());
            w.WriteString("stored_as", entry.StoredAs.ToString());
            w.WriteString("status", StatusText.Of(entry.Status));
            w.WriteString("created", entry.Created);
            w.WriteStringOrNull("revision", entry.Revision);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("cases");
        foreach (var item in cases)
        {
            w.WriteStartObject();
            w.WriteString("key", item.Key);
            w.WriteString("display_name", item.DisplayName);
            w.WriteStartArray("outcomes");
            foreach (var outcome in item.Outcomes)
            {
                if (outcome is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    w.WriteStringValue(outcome);
                }
            }

            w.WriteEndArray();
            if (item.FirstFailure is { } first)
            {
                w.WriteNumber("failing_since", first);
            }
            else
            {
                w.WriteNull("failing_since");
            }

            w.WriteStringOrNull("flaky", item.Flaky);
            w.WriteStartObject("metrics");
            foreach (var (name, values) in item.Metrics)
            {
                w.WriteStartArray(name);
                foreach (var value in values)
                {
                    w.WriteNumberOrNullValue(value);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}
