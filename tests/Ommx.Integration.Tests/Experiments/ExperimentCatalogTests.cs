using Ommx.Integration.Experiments;
using Ommx.Integration.Registry.Listing;
using Ommx.Integration.Tests.TestSupport;
using static Ommx.Integration.Tests.Registry.SqliteTestHelpers;

namespace Ommx.Integration.Tests.Experiments;

public sealed class ExperimentCatalogTests : IDisposable
{
    private readonly TempRegistry temp = new();

    private sealed class Utf8Codec : IAttachmentCodec<string>
    {
        public string MediaType => "text/x-example";

        public byte[] Encode(string value) => System.Text.Encoding.UTF8.GetBytes(value);

        public string Decode(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
    }

    [Fact]
    public void List_TamperedConfigCache_RepairedWithWarningOrStrictError()
    {
        using (var experiment = Experiment.Create(temp.Registry, "example.com/catalog/exp:v1"))
        {
            experiment.Run(run => run.LogParameter("x", 1));
            experiment.Commit();
        }

        Exec(temp.Root, "UPDATE experiment_configs SET config_json = x'7b7d'");

        var (records, warnings) = ExperimentCatalog.List(temp.Registry);
        Assert.Equal(1, Assert.Single(records).RunCount);
        var warning = Assert.Single(warnings);
        Assert.Equal(ListingStage.ExperimentConfigCacheRepair, warning.Stage);
        Assert.Contains("repaired from CAS", warning.Message, StringComparison.Ordinal);

        Exec(temp.Root, "UPDATE experiment_configs SET config_json = x'7b7d'");
        var e = Assert.Throws<ListingException>(() => ExperimentCatalog.List(temp.Registry, strict: true));
        Assert.Contains("Cached Experiment Config JSON does not match", e.Message, StringComparison.Ordinal);

        Exec(temp.Root, "DELETE FROM experiment_configs");
        var backfilled = ExperimentCatalog.List(temp.Registry);
        Assert.Single(backfilled.Experiments);
        Assert.Empty(backfilled.Warnings);
    }

    [Fact]
    public void LogWithCodec_RoundTripsAndMediaTypeMismatchRefused()
    {
        using var experiment = Experiment.Create(temp.Registry, "example.com/catalog/codec:v1");
        experiment.LogWithCodec(new Utf8Codec(), "note", "héllo");
        experiment.LogJson("json", 1);
        experiment.Commit();

        var loaded = Experiment.Load(temp.Registry, "example.com/catalog/codec:v1");
        Assert.Equal("héllo", loaded.GetWithCodec(new Utf8Codec(), "note"));
        Assert.Equal("text/x-example", loaded.AttachmentMediaType("note"));
        var e = Assert.Throws<InvalidOperationException>(() => loaded.GetWithCodec(new Utf8Codec(), "json"));
        Assert.Equal("Expected media type 'text/x-example', got 'application/json'", e.Message);
        Assert.Throws<InvalidOperationException>(() => loaded.GetJson("note"));
    }

    public void Dispose() => temp.Dispose();
}
