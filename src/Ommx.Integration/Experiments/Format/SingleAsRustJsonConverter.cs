using System.Text.Json;
using System.Text.Json.Serialization;
using Ommx.Integration.Experiments;

namespace Ommx.Integration.Experiments.Format;

/// <summary>Writes a <see cref="float"/> widened to a double, as serde_json writes an <c>f32</c> in a JSON value tree.</summary>
internal sealed class SingleAsRustJsonConverter : JsonConverter<float>
{
    public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetSingle();

    public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options)
    {
        if (float.IsFinite(value))
        {
            writer.WriteRawValue(LogJsonEncoder.FormatFloat(value), skipInputValidation: true);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
