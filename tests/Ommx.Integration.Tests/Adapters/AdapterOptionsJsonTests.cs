using System.Text.Json;
using System.Text.Json.Nodes;
using Ommx.Integration.Adapters;

namespace Ommx.Integration.Tests.Adapters;

public sealed class AdapterOptionsJsonTests
{
    [Fact]
    public void Serialize_SolverOptions_SnakeCaseWithoutUnsetOptions()
    {
        var json = AdapterOptionsJson.Serialize(new SolverOptions { TimeLimit = 1.5, Seed = 7 });

        Assert.Equal("""{"time_limit":1.5,"seed":7}""", json);
    }

    [Fact]
    public void Serialize_DefaultOptions_IsEmptyObject()
    {
        Assert.Equal("{}", AdapterOptionsJson.Serialize(new SolverOptions()));
        Assert.Equal("{}", AdapterOptionsJson.Serialize(new SamplerOptions()));
    }

    [Fact]
    public void Serialize_DerivedRecord_KeepsItsOwnOptionsAndRoundTrips()
    {
        var options = new LabelledOptions { TimeLimit = double.PositiveInfinity, Threads = 2, Label = "baseline" };

        var json = AdapterOptionsJson.Serialize(options);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"label":"baseline","time_limit":"Infinity","threads":2}"""), JsonNode.Parse(json)), json);
        Assert.Equal(options, AdapterOptionsJson.Deserialize<LabelledOptions>(json));
    }

    [Fact]
    public void Serialize_UnserializableOption_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => AdapterOptionsJson.Serialize(new CallbackOptions { Callback = () => { } }));

        Assert.Contains("JSON-serializable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_NotAnObjectOfTheType_ThrowsJsonException()
    {
        Assert.ThrowsAny<JsonException>(() => AdapterOptionsJson.Deserialize<SolverOptions>("[1]"));
    }

    internal sealed record LabelledOptions : SolverOptions
    {
        public string? Label { get; init; }
    }

    internal sealed record CallbackOptions : SolverOptions
    {
        public Action? Callback { get; init; }
    }
}
