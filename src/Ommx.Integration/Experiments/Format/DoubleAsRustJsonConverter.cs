using System.Text.Json;
using System.Text.Json.Serialization;
using Ommx.Integration.Experiments;

namespace Ommx.Integration.Experiments.Format;

/// <summary>Writes a <see cref="double"/> as serde_json writes an <c>f64</c> (<c>1.0</c>, not <c>1</c>; NaN and infinities as <c>null</c>).</summary>
internal sealed class DoubleAsRustJsonConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteRawValue(LogJsonEncoder.FormatFloat(value), skipInputValidation: true);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
