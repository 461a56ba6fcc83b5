namespace Ommx.Integration.Registry;

/// <summary>
/// Every SQL statement the Local Registry index runs, in one place. The schema is OMMX's version 2
/// layout exactly: the Python SDK opens the same <c>index.sqlite3</c>.
/// </summary>
internal static class IndexSql
{
    public const int SchemaVersion = 2;

    public const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;";

    public const string EnableWal = "PRAGMA journal_mode = WAL;";

    public const string IntegrityCheck = "PRAGMA integrity_check;";

    public const string ReadUserVersion = "PRAGMA user_version;";

    public const string WriteUserVersion = "PRAGMA user_version = 2;";

    public const string CountUserTables =
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\';";

    public const string TableColumns = "SELECT name FROM pragma_table_info($table) ORDER BY cid;";

    /// <summary>How many of the tables and indexes <see cref="CreateSchema"/> creates exist (<see cref="SchemaObjects"/>).</summary>
    public const string CountSchemaObjects =
        "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'index') AND name IN ('ommx_local_registry_metadata', 'refs', 'idx_refs_manifest_digest', 'artifact_manifests', 'idx_artifact_manifests_config_digest', 'experiment_configs');";

    /// <summary>The number of names in <see cref="CountSchemaObjects"/>: every table and index of <see cref="CreateSchema"/>.</summary>
    public const int SchemaObjects = 6;

    public const string CreateSchema = """
        CREATE TABLE IF NOT EXISTS ommx_local_registry_metadata (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS refs (
            name TEXT NOT NULL,
            reference TEXT NOT NULL,
            manifest_digest TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (name, reference)
        );
        CREATE INDEX IF NOT EXISTS idx_refs_manifest_digest ON refs(manifest_digest);
        CREATE TABLE IF NOT EXISTS artifact_manifests (
            manifest_digest TEXT PRIMARY KEY,
            manifest_json BLOB NOT NULL,
            artifact_type TEXT NOT NULL,
            config_digest TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS idx_artifact_manifests_config_digest ON artifact_manifests(config_digest);
        CREATE TABLE IF NOT EXISTS experiment_configs (
            config_digest TEXT PRIMARY KEY,
            config_json BLOB NOT NULL
        );
        """;

    /// <summary>Moves an older <c>refs</c> table aside; <see cref="CopyLegacyRefs"/> runs after <see cref="CreateSchema"/>.</summary>
    public const string MigrateDropAndRename = """
        DROP TABLE IF EXISTS experiment_configs;
        DROP TABLE IF EXISTS artifact_manifests;
        DROP INDEX IF EXISTS idx_refs_name;
        DROP INDEX IF EXISTS idx_refs_manifest_digest;
        ALTER TABLE refs RENAME TO refs_legacy;
        """;

    public const string CopyLegacyRefs = """
        INSERT INTO refs (name, reference, manifest_digest, updated_at)
            SELECT name, reference, manifest_digest, updated_at FROM refs_legacy;
        DROP TABLE refs_legacy;
        """;

    public const string InsertRegistryId =
        "INSERT OR IGNORE INTO ommx_local_registry_metadata (key, value) VALUES ('registry_id', $value);";

    public const string SelectRegistryId =
        "SELECT value FROM ommx_local_registry_metadata WHERE key = 'registry_id';";

    public const string SelectRef =
        "SELECT name, reference, manifest_digest, updated_at FROM refs WHERE name = $name AND reference = $reference;";

    public const string InsertRefKeepExisting = """
        INSERT INTO refs (name, reference, manifest_digest, updated_at) VALUES ($name, $reference, $digest, $updated_at)
        ON CONFLICT(name, reference) DO NOTHING;
        """;

    public const string UpsertRef = """
        INSERT INTO refs (name, reference, manifest_digest, updated_at) VALUES ($name, $reference, $digest, $updated_at)
        ON CONFLICT(name, reference) DO UPDATE SET manifest_digest = excluded.manifest_digest, updated_at = excluded.updated_at;
        """;

    public const string DeleteRef = "DELETE FROM refs WHERE name = $name AND reference = $reference;";

    public const string DeleteRefIfUnchanged = """
        DELETE FROM refs WHERE name = $name AND reference = $reference
            AND manifest_digest = $digest AND updated_at = $updated_at;
        """;

    /// <summary>The display string rebuilt in SQL; its first <c>$n</c> characters are compared with the prefix.</summary>
    private const string DisplayString =
        "(name || CASE WHEN instr(reference, ':') > 0 THEN '@' ELSE ':' END || reference)";

    public const string SelectRefs =
        "SELECT name, reference, manifest_digest, updated_at FROM refs ORDER BY name, reference;";

    public const string SelectRefsWithPrefix =
        "SELECT name, reference, manifest_digest, updated_at FROM refs WHERE substr(" + DisplayString
        + ", 1, $n) = $prefix ORDER BY name, reference;";

    public const string SelectRefsWithManifestCache = """
        SELECT r.name, r.reference, r.manifest_digest, r.updated_at,
               m.manifest_json, m.artifact_type, m.config_digest, c.config_json
        FROM refs r
        LEFT JOIN artifact_manifests m ON m.manifest_digest = r.manifest_digest
        LEFT JOIN experiment_configs c ON c.config_digest = m.config_digest
        """;

    public const string WherePrefix = " WHERE substr(" + DisplayString + ", 1, $n) = $prefix";

    public const string OrderByRef = " ORDER BY r.name, r.reference;";

    public const string UpsertManifest = """
        INSERT INTO artifact_manifests (manifest_digest, manifest_json, artifact_type, config_digest)
        VALUES ($digest, $json, $artifact_type, $config_digest)
        ON CONFLICT(manifest_digest) DO UPDATE SET manifest_json = excluded.manifest_json,
            artifact_type = excluded.artifact_type, config_digest = excluded.config_digest;
        """;

    public const string UpsertConfig = """
        INSERT INTO experiment_configs (config_digest, config_json) VALUES ($digest, $json)
        ON CONFLICT(config_digest) DO UPDATE SET config_json = excluded.config_json;
        """;

    public const string PruneManifestCache = """
        DELETE FROM artifact_manifests WHERE NOT EXISTS
            (SELECT 1 FROM refs WHERE refs.manifest_digest = artifact_manifests.manifest_digest);
        """;

    public const string PruneConfigCache = """
        DELETE FROM experiment_configs WHERE NOT EXISTS
            (SELECT 1 FROM artifact_manifests WHERE artifact_manifests.config_digest = experiment_configs.config_digest);
        """;
}
