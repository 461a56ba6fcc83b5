using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.TestSupport;
using static Ommx.Integration.Tests.Registry.SqliteTestHelpers;

namespace Ommx.Integration.Tests.Registry;

public sealed class RegistryIndexTests : IDisposable
{
    private readonly TempDirectory temp = new();

    private string Root => temp.Combine("reg");

    [Fact]
    public void Open_FreshRoot_CreatesVersion2SchemaWithExactColumnsInWal()
    {
        using (LocalRegistry.Open(Root))
        {
        }

        Assert.Equal(2L, Scalar(Root, "PRAGMA user_version"));
        Assert.Equal("wal", Scalar(Root, "PRAGMA journal_mode"));
        Assert.Equal(["key", "value"], Column(Root, "SELECT name FROM pragma_table_info('ommx_local_registry_metadata')"));
        Assert.Equal(["name", "reference", "manifest_digest", "updated_at"], Column(Root, "SELECT name FROM pragma_table_info('refs')"));
        Assert.Equal(["manifest_digest", "manifest_json", "artifact_type", "config_digest"], Column(Root, "SELECT name FROM pragma_table_info('artifact_manifests')"));
        Assert.Equal(["config_digest", "config_json"], Column(Root, "SELECT name FROM pragma_table_info('experiment_configs')"));
        Assert.Contains("idx_refs_manifest_digest", Column(Root, "SELECT name FROM sqlite_master WHERE type='index'"));
        Assert.Contains("idx_artifact_manifests_config_digest", Column(Root, "SELECT name FROM sqlite_master WHERE type='index'"));
    }

    /// <summary>
    /// Opening an index that already has the current schema writes nothing: while it is open its WAL holds no frame (the
    /// old open rewrote <c>user_version</c> in a write transaction every time: a WAL frame, the write lock and an fsync).
    /// An index of the current version that lacks one of the schema's indexes still gets it on open.
    /// </summary>
    [Fact]
    public void Open_CurrentSchema_WritesNothing_MissingSchemaIndexStillCreated()
    {
        using (LocalRegistry.Open(Root))
        {
        }

        var wal = Path.Combine(Root, RegistryIndex.FileName + "-wal");
        using (LocalRegistry.Open(Root))
        {
            Assert.Equal(0, new FileInfo(wal).Length);
        }

        Exec(Root, "DROP INDEX idx_refs_manifest_digest");
        using (LocalRegistry.Open(Root))
        {
            Assert.True(new FileInfo(wal).Length > 0);
        }

        Assert.Contains("idx_refs_manifest_digest", Column(Root, "SELECT name FROM sqlite_master WHERE type='index'"));
        Assert.Equal(2L, Scalar(Root, "PRAGMA user_version"));
    }

    [Fact]
    public void CachePrune_QueryPlans_UseBothIndexes()
    {
        using (LocalRegistry.Open(Root))
        {
        }

        var plan = string.Join("\n", QueryPlan("EXPLAIN QUERY PLAN DELETE FROM artifact_manifests WHERE NOT EXISTS (SELECT 1 FROM refs WHERE refs.manifest_digest = artifact_manifests.manifest_digest)"));
        var configPlan = string.Join("\n", QueryPlan("EXPLAIN QUERY PLAN DELETE FROM experiment_configs WHERE NOT EXISTS (SELECT 1 FROM artifact_manifests WHERE artifact_manifests.config_digest = experiment_configs.config_digest)"));

        Assert.Contains("idx_refs_manifest_digest", plan, StringComparison.Ordinal);
        Assert.Contains("idx_artifact_manifests_config_digest", configPlan, StringComparison.Ordinal);
    }

    private List<string> QueryPlan(string sql)
    {
        using var connection = Open(Root);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(3));
        }

        return rows;
    }

    [Fact]
    public void RegistryId_FirstUse_Is32LowerHexAndStable()
    {
        using var registry = LocalRegistry.Open(Root);
        Assert.Null(Scalar(Root, "SELECT value FROM ommx_local_registry_metadata WHERE key='registry_id'"));

        var id = registry.RegistryId;

        Assert.Matches("^[0-9a-f]{32}$", id);
        using var other = LocalRegistry.Open(Root);
        Assert.Equal(id, other.RegistryId);
    }

    [Fact]
    public void Open_Version1Database_MigratesKeepingRefsAndRegistryId()
    {
        Exec(Root, """
            CREATE TABLE ommx_local_registry_metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO ommx_local_registry_metadata VALUES ('registry_id', 'existing-registry-id');
            CREATE TABLE refs (name TEXT NOT NULL, reference TEXT NOT NULL, manifest_media_type TEXT NOT NULL,
              manifest_digest TEXT NOT NULL, manifest_size INTEGER NOT NULL CHECK (manifest_size >= 0),
              manifest_annotations_json TEXT NOT NULL DEFAULT '{}', updated_at TEXT NOT NULL, PRIMARY KEY (name, reference));
            CREATE INDEX idx_refs_name ON refs(name);
            INSERT INTO refs VALUES ('example.com/ommx/old', 'v1', 'application/vnd.oci.image.manifest.v1+json',
              'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', 2, '{}', '2026-07-10T00:00:00Z');
            PRAGMA user_version = 1;
            """);

        using (var registry = LocalRegistry.Open(Root))
        {
            Assert.Equal(MediaTypes.EmptyJsonDigest, registry.Resolve(ImageReference.Parse("example.com/ommx/old:v1")));
            Assert.Equal("2026-07-10T00:00:00Z", registry.ListRefs().Single().UpdatedAt);
        }

        Assert.Equal(2L, Scalar(Root, "PRAGMA user_version"));
        Assert.Equal("existing-registry-id", Scalar(Root, "SELECT value FROM ommx_local_registry_metadata WHERE key='registry_id'"));
        Assert.Equal(["name", "reference", "manifest_digest", "updated_at"], Column(Root, "SELECT name FROM pragma_table_info('refs')"));
        Assert.Equal(["config_digest", "config_json"], Column(Root, "SELECT name FROM pragma_table_info('experiment_configs')"));
        Assert.DoesNotContain("idx_refs_name", Column(Root, "SELECT name FROM sqlite_master WHERE type='index'"));
    }

    [Fact]
    public void Open_Version1WithoutUpdatedAt_FailsAndLeavesDatabaseUntouched()
    {
        Exec(Root, """
            CREATE TABLE refs (name TEXT NOT NULL, reference TEXT NOT NULL, manifest_digest TEXT NOT NULL, PRIMARY KEY (name, reference));
            INSERT INTO refs VALUES ('example.com/x', 'v1', 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
            PRAGMA user_version = 1;
            """);

        var e = Assert.Throws<RegistryFormatException>(() => LocalRegistry.Open(Root));

        Assert.Contains("Failed to migrate local registry schema to version 2", e.Message, StringComparison.Ordinal);
        Assert.Equal(1L, Scalar(Root, "PRAGMA user_version"));
        Assert.Equal(1L, Scalar(Root, "SELECT count(*) FROM refs"));
        Assert.Equal(0L, Scalar(Root, "SELECT count(*) FROM sqlite_master WHERE name IN ('refs_legacy', 'artifact_manifests')"));
    }

    [Fact]
    public void Open_Version2WithOldRefsShape_NormalisesAndKeepsRef()
    {
        Exec(Root, """
            CREATE TABLE refs (name TEXT NOT NULL, reference TEXT NOT NULL, manifest_media_type TEXT NOT NULL,
              manifest_digest TEXT NOT NULL, manifest_size INTEGER NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (name, reference));
            INSERT INTO refs VALUES ('example.com/x', 'v1', 'application/vnd.oci.image.manifest.v1+json',
              'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', 2, '2026-01-01T00:00:00+00:00');
            PRAGMA user_version = 2;
            """);

        using var registry = LocalRegistry.Open(Root);

        Assert.Single(registry.ListRefs());
        Assert.Equal(["config_digest", "config_json"], Column(Root, "SELECT name FROM pragma_table_info('experiment_configs')"));
    }

    [Theory]
    [InlineData(3, "Unsupported local registry schema version: 3; expected version 2")]
    [InlineData(-1, "Unsupported local registry schema version: -1; expected version 2")]
    public void Open_UnknownVersion_Refused(int version, string message)
    {
        Exec(Root, $"PRAGMA user_version = {version};");
        var e = Assert.Throws<RegistryFormatException>(() => LocalRegistry.Open(Root));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Open_Version0WithForeignTables_Refused()
    {
        Exec(Root, "CREATE TABLE something_else (x INTEGER);");
        var e = Assert.Throws<RegistryFormatException>(() => LocalRegistry.Open(Root));
        Assert.Equal("Unsupported local registry schema version: 0. Remove the development local registry and recreate it.", e.Message);
    }

    [Fact]
    public void Open_RootIsAFile_ClearError()
    {
        File.WriteAllText(temp.Combine("file"), "x");
        var e = Assert.Throws<OmmxException>(() => LocalRegistry.Open(temp.Combine("file")));
        Assert.Contains("is a file", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();
}
