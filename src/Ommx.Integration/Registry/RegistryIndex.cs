using Microsoft.Data.Sqlite;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>
/// The SQLite index <c>index.sqlite3</c>: refs, the registry id and the listing caches. One connection
/// per instance, serialised by a lock; every write is a <c>BEGIN IMMEDIATE</c> transaction and waits up
/// to 30 s for other writers.
/// </summary>
internal sealed class RegistryIndex : IDisposable
{
    public const string FileName = "index.sqlite3";
    private static readonly string[] RefsColumns = ["name", "reference", "manifest_digest", "updated_at"];
    private static readonly string[] ManifestColumns = ["manifest_digest", "manifest_json", "artifact_type", "config_digest"];
    private static readonly string[] ConfigColumns = ["config_digest", "config_json"];

    private readonly SqliteConnection connection;
    private readonly Lock gate = new();
    private string? registryId;

    private RegistryIndex(SqliteConnection connection, bool readOnly)
    {
        this.connection = connection;
        IsReadOnly = readOnly;
    }

    /// <summary>Opened read-only (or in memory for a root without an index): every write method throws.</summary>
    public bool IsReadOnly { get; }

    /// <summary>Opens (creating if needed) the index of <paramref name="root"/> for reading and writing.</summary>
    public static RegistryIndex Open(string root)
    {
        Directory.CreateDirectory(root);
        var path = Path.Combine(root, FileName);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, null, IndexSql.Pragmas);
            try
            {
                Execute(connection, null, IndexSql.EnableWal);
            }
            catch (SqliteException)
            {
                // Best effort, as in OMMX: correctness relies on IMMEDIATE transactions, not on WAL.
            }

            var index = new RegistryIndex(connection, readOnly: false);
            index.InitializeSchema(path);
            return index;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing index without writing anything (no schema creation or migration, no WAL switch).
    /// Where SQLite cannot create the WAL's shared-memory file (a read-only directory) the file is opened as
    /// immutable: nobody can be writing to it then. Returns <c>null</c> when there is no index file, or one without tables yet.
    /// </summary>
    public static RegistryIndex? OpenReadOnly(string root)
    {
        var path = Path.Combine(root, FileName);
        if (new FileInfo(path) is not { Exists: true, Length: > 0 })
        {
            return null;
        }

        try
        {
            return OpenReadOnly(path, new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 });
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 14 or 8)
        {
            var immutable = new Uri(Path.GetFullPath(path)).AbsoluteUri + "?immutable=1";
            return OpenReadOnly(path, new SqliteConnectionStringBuilder { DataSource = immutable, Mode = SqliteOpenMode.ReadOnly, Pooling = false });
        }
    }

    private static RegistryIndex? OpenReadOnly(string path, SqliteConnectionStringBuilder builder)
    {
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, null, IndexSql.Pragmas);
            var index = new RegistryIndex(connection, readOnly: true);
            if (!index.HasCurrentSchema(path))
            {
                connection.Dispose();
                return null;
            }

            return index;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>An empty index in memory, for reading a root that has none: nothing is created on disk.</summary>
    public static RegistryIndex OpenEmpty()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ":memory:", Pooling = false }.ToString());
        connection.Open();
        Execute(connection, null, IndexSql.CreateSchema);
        return new RegistryIndex(connection, readOnly: true);
    }

    /// <summary>True for OMMX's version 2 schema, false for a file without tables; anything else needs a writer to migrate it.</summary>
    private bool HasCurrentSchema(string path)
    {
        var version = Convert.ToInt64(Scalar(null, IndexSql.ReadUserVersion), System.Globalization.CultureInfo.InvariantCulture);
        if (version == 0 && Convert.ToInt64(Scalar(null, IndexSql.CountUserTables), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return false;
        }

        if (version == IndexSql.SchemaVersion && HasExactColumns(null, "refs", RefsColumns)
            && HasExactColumns(null, "artifact_manifests", ManifestColumns) && HasExactColumns(null, "experiment_configs", ConfigColumns))
        {
            return true;
        }

        throw new RegistryFormatException(
            $"{path} has local registry schema version {version} (or tables this version does not know); a read-only command does not migrate it. "
            + "Run a writing command (for example `ommx import`) once to migrate it, or open it with OMMX.");
    }

    private void InitializeSchema(string path)
    {
        if (HasCurrentSchemaComplete())
        {
            return;
        }

        using var tx = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt64(Scalar(tx, IndexSql.ReadUserVersion), System.Globalization.CultureInfo.InvariantCulture);
        switch (version)
        {
            case 0:
                if (Convert.ToInt64(Scalar(tx, IndexSql.CountUserTables), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    throw new RegistryFormatException(
                        "Unsupported local registry schema version: 0. Remove the development local registry and recreate it.");
                }

                Execute(connection, tx, IndexSql.CreateSchema);
                break;
            case 2 when HasExactColumns(tx, "refs", RefsColumns) && HasExactColumns(tx, "artifact_manifests", ManifestColumns)
                        && HasExactColumns(tx, "experiment_configs", ConfigColumns):
                Execute(connection, tx, IndexSql.CreateSchema);
                break;
            case 1:
            case 2:
                try
                {
                    Execute(connection, tx, IndexSql.MigrateDropAndRename);
                    Execute(connection, tx, IndexSql.CreateSchema);
                    Execute(connection, tx, IndexSql.CopyLegacyRefs);
                }
                catch (SqliteException e)
                {
                    throw new RegistryFormatException(
                        $"Failed to migrate local registry schema to version 2 ({path}): {e.Message}", e);
                }

                break;
            default:
                throw new RegistryFormatException($"Unsupported local registry schema version: {version}; expected version 2");
        }

        Execute(connection, tx, IndexSql.WriteUserVersion);
        tx.Commit();
    }

    /// <summary>
    /// Whether the index already has the current schema (version 2, the three tables with exactly their columns, and every
    /// table and index <see cref="IndexSql.CreateSchema"/> creates), read in one read transaction. Then opening writes
    /// nothing: no write lock, no WAL frame, no fsync (a writable open used to rewrite <c>user_version</c> every time).
    /// Anything else takes the write transaction of <see cref="InitializeSchema"/>, which creates or migrates.
    /// </summary>
    private bool HasCurrentSchemaComplete()
    {
        using var tx = connection.BeginTransaction(deferred: true);
        return Convert.ToInt64(Scalar(tx, IndexSql.ReadUserVersion), System.Globalization.CultureInfo.InvariantCulture) == 2
               && Convert.ToInt64(Scalar(tx, IndexSql.CountSchemaObjects), System.Globalization.CultureInfo.InvariantCulture) == IndexSql.SchemaObjects
               && HasExactColumns(tx, "refs", RefsColumns) && HasExactColumns(tx, "artifact_manifests", ManifestColumns)
               && HasExactColumns(tx, "experiment_configs", ConfigColumns);
    }

    private bool HasExactColumns(SqliteTransaction? tx, string table, string[] expected)
    {
        using var cmd = Command(tx, IndexSql.TableColumns);
        cmd.Parameters.AddWithValue("$table", table);
        using var reader = cmd.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns.SequenceEqual(expected, StringComparer.Ordinal);
    }

    /// <summary>The registry id, created on first use (racing processes converge on one value).</summary>
    public string GetOrCreateRegistryId()
    {
        lock (gate)
        {
            if (registryId is not null)
            {
                return registryId;
            }

            // Read first: only the very first use needs a write transaction.
            if (Scalar(null, IndexSql.SelectRegistryId) is string existing)
            {
                registryId = existing;
                return registryId;
            }

            if (IsReadOnly)
            {
                // No id yet means no ref was ever made with one; a transient id names nothing and writes nothing.
                registryId = Guid.NewGuid().ToString("N");
                return registryId;
            }

            using (var tx = connection.BeginTransaction(deferred: false))
            {
                using (var insert = Command(tx, IndexSql.InsertRegistryId))
                {
                    insert.Parameters.AddWithValue("$value", Guid.NewGuid().ToString("N"));
                    insert.ExecuteNonQuery();
                }

                registryId = Scalar(tx, IndexSql.SelectRegistryId) as string
                    ?? throw new RegistryFormatException("Local Registry registry_id metadata must be TEXT");
                tx.Commit();
            }

            return registryId;
        }
    }

    public RegistryRef? Find(string name, string reference)
    {
        lock (gate)
        {
            using var cmd = Command(null, IndexSql.SelectRef);
            cmd.Parameters.AddWithValue("$name", name);
            cmd.Parameters.AddWithValue("$reference", reference);
            using var reader = cmd.ExecuteReader();
            return reader.Read() ? ReadRef(reader) : null;
        }
    }

    /// <summary>All refs (optionally prefix-filtered), ordered by name then reference.</summary>
    public IReadOnlyList<RawRefRow> ListRefRows(string? prefix)
    {
        lock (gate)
        {
            using var cmd = Command(null, prefix is null ? IndexSql.SelectRefs : IndexSql.SelectRefsWithPrefix);
            AddPrefix(cmd, prefix);
            using var reader = cmd.ExecuteReader();
            var rows = new List<RawRefRow>();
            while (reader.Read())
            {
                rows.Add(new RawRefRow(reader.GetValue(0), reader.GetValue(1), reader.GetValue(2), reader.GetValue(3)));
            }

            return rows;
        }
    }

    /// <summary>Refs joined with their cache rows, for listing.</summary>
    public IReadOnlyList<CachedRefRow> ListCachedRows(string? prefix)
    {
        lock (gate)
        {
            var sql = IndexSql.SelectRefsWithManifestCache + (prefix is null ? string.Empty : IndexSql.WherePrefix) + IndexSql.OrderByRef;
            using var cmd = Command(null, sql);
            AddPrefix(cmd, prefix);
            using var reader = cmd.ExecuteReader();
            var rows = new List<CachedRefRow>();
            while (reader.Read())
            {
                rows.Add(new CachedRefRow(
                    new RawRefRow(reader.GetValue(0), reader.GetValue(1), reader.GetValue(2), reader.GetValue(3)),
                    NullIfDbNull(reader.GetValue(4)),
                    NullIfDbNull(reader.GetValue(5)),
                    NullIfDbNull(reader.GetValue(6)),
                    NullIfDbNull(reader.GetValue(7))));
            }

            return rows;
        }
    }

    /// <summary>Inserts the ref unless it exists; never moves an existing ref.</summary>
    public PublishResult Publish(string name, string reference, ManifestCacheEntry cache) =>
        Write(name, reference, cache, replace: false);

    /// <summary>
    /// Like <see cref="Publish(string, string, ManifestCacheEntry)"/>, but <paramref name="beforeWrite"/> (which
    /// publishes the blobs the ref will reach) runs inside the same write transaction, after the ref was found free
    /// or already pointing here, and only then: a conflicting ref, even one another process wrote a moment
    /// before, publishes nothing.
    /// </summary>
    public PublishResult Publish(string name, string reference, ManifestCacheEntry cache, Action beforeWrite)
    {
        lock (gate)
        {
            return WriteLocked(name, reference, cache, replace: false, cache.ManifestDigest, beforeWrite);
        }
    }

    /// <summary>Points the ref at the manifest, replacing what it pointed to, then prunes the caches.</summary>
    public PublishResult Replace(string name, string reference, ManifestCacheEntry cache) =>
        Write(name, reference, cache, replace: true);

    private PublishResult Write(string name, string reference, ManifestCacheEntry cache, bool replace)
    {
        lock (gate)
        {
            return WriteLocked(name, reference, cache, replace, cache.ManifestDigest);
        }
    }

    private PublishResult WriteLocked(string name, string reference, ManifestCacheEntry cache, bool replace, Digest incoming, Action? beforeWrite = null)
    {
        DigestReferences.Require(name, reference, incoming);
        using var tx = connection.BeginTransaction(deferred: false);
        var existing = FindInTransaction(tx, name, reference);
        var unchanged = existing is not null && existing.ManifestDigest == incoming.ToString();
        if (existing is not null && !unchanged && !replace)
        {
            Digest.TryParse(existing.ManifestDigest, out var existingDigest);
            return new PublishResult(PublishOutcome.Conflicted, incoming, existingDigest);
        }

        beforeWrite?.Invoke();
        PublishResult result;
        if (unchanged)
        {
            result = new PublishResult(PublishOutcome.Unchanged, incoming, incoming);
        }
        else
        {
            using (var cmd = Command(tx, replace ? IndexSql.UpsertRef : IndexSql.InsertRefKeepExisting))
            {
                cmd.Parameters.AddWithValue("$name", name);
                cmd.Parameters.AddWithValue("$reference", reference);
                cmd.Parameters.AddWithValue("$digest", incoming.ToString());
                cmd.Parameters.AddWithValue("$updated_at", RegistryTime.Now());
                cmd.ExecuteNonQuery();
            }

            Digest? previous = existing is not null && Digest.TryParse(existing.ManifestDigest, out var p) ? p : null;
            result = new PublishResult(existing is null ? PublishOutcome.Inserted : PublishOutcome.Replaced, incoming, previous);
        }

        UpsertCache(tx, cache);
        if (replace)
        {
            PruneCaches(tx);
        }

        tx.Commit();
        return result;
    }

    /// <summary>Deletes a ref and prunes the caches; returns the removed row.</summary>
    public RegistryRef? Remove(string name, string reference)
    {
        lock (gate)
        {
            using var tx = connection.BeginTransaction(deferred: false);
            var existing = FindInTransaction(tx, name, reference);
            if (existing is not null)
            {
                using var cmd = Command(tx, IndexSql.DeleteRef);
                cmd.Parameters.AddWithValue("$name", name);
                cmd.Parameters.AddWithValue("$reference", reference);
                cmd.ExecuteNonQuery();
            }

            PruneCaches(tx);
            tx.Commit();
            return existing;
        }
    }

    /// <summary>Deletes each ref only if its digest and <c>updated_at</c> are still those given.</summary>
    public IReadOnlyList<RegistryRef> DeleteIfUnchanged(IEnumerable<RegistryRef> candidates)
    {
        lock (gate)
        {
            using var tx = connection.BeginTransaction(deferred: false);
            var deleted = new List<RegistryRef>();
            foreach (var c in candidates)
            {
                using var cmd = Command(tx, IndexSql.DeleteRefIfUnchanged);
                cmd.Parameters.AddWithValue("$name", c.Name);
                cmd.Parameters.AddWithValue("$reference", c.Reference);
                cmd.Parameters.AddWithValue("$digest", c.ManifestDigest);
                cmd.Parameters.AddWithValue("$updated_at", c.UpdatedAt);
                if (cmd.ExecuteNonQuery() > 0)
                {
                    deleted.Add(c);
                }
            }

            PruneCaches(tx);
            tx.Commit();
            return deleted;
        }
    }

    /// <summary>Writes cache rows for refs that exist, then prunes rows no ref uses (backfill and repair).</summary>
    public void UpsertCacheAndPrune(IEnumerable<ManifestCacheEntry> entries)
    {
        lock (gate)
        {
            using var tx = connection.BeginTransaction(deferred: false);
            foreach (var entry in entries)
            {
                UpsertCache(tx, entry);
            }

            PruneCaches(tx);
            tx.Commit();
        }
    }

    /// <summary>SQLite's <c>PRAGMA integrity_check</c>: the single line <c>ok</c>, or one line per problem found.</summary>
    public IReadOnlyList<string> CheckIntegrity()
    {
        lock (gate)
        {
            using var cmd = Command(null, IndexSql.IntegrityCheck);
            using var reader = cmd.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read())
            {
                lines.Add(reader.GetString(0));
            }

            return lines;
        }
    }

    private void UpsertCache(SqliteTransaction tx, ManifestCacheEntry entry)
    {
        using (var cmd = Command(tx, IndexSql.UpsertManifest))
        {
            cmd.Parameters.AddWithValue("$digest", entry.ManifestDigest.ToString());
            cmd.Parameters.Add("$json", SqliteType.Blob).Value = entry.ManifestJson;
            cmd.Parameters.AddWithValue("$artifact_type", entry.ArtifactType);
            cmd.Parameters.AddWithValue("$config_digest", entry.ConfigDigest.ToString());
            cmd.ExecuteNonQuery();
        }

        if (entry.ExperimentConfigJson is { } config)
        {
            using var cmd = Command(tx, IndexSql.UpsertConfig);
            cmd.Parameters.AddWithValue("$digest", entry.ConfigDigest.ToString());
            cmd.Parameters.Add("$json", SqliteType.Blob).Value = config;
            cmd.ExecuteNonQuery();
        }
    }

    private void PruneCaches(SqliteTransaction tx)
    {
        Execute(connection, tx, IndexSql.PruneManifestCache);
        Execute(connection, tx, IndexSql.PruneConfigCache);
    }

    private RegistryRef? FindInTransaction(SqliteTransaction tx, string name, string reference)
    {
        using var cmd = Command(tx, IndexSql.SelectRef);
        cmd.Parameters.AddWithValue("$name", name);
        cmd.Parameters.AddWithValue("$reference", reference);
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? ReadRef(reader) : null;
    }

    private static RegistryRef ReadRef(SqliteDataReader reader) =>
        new(AsText(reader.GetValue(0)), AsText(reader.GetValue(1)), AsText(reader.GetValue(2)), AsText(reader.GetValue(3)));

    private static string AsText(object value) => value as string ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    private static object? NullIfDbNull(object value) => value is DBNull ? null : value;

    private static void AddPrefix(SqliteCommand cmd, string? prefix)
    {
        if (prefix is null)
        {
            return;
        }

        cmd.Parameters.AddWithValue("$prefix", prefix);
        cmd.Parameters.AddWithValue("$n", prefix.EnumerateRunes().Count());
    }

    private SqliteCommand Command(SqliteTransaction? tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private object? Scalar(SqliteTransaction? tx, string sql)
    {
        using var cmd = Command(tx, sql);
        return cmd.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => connection.Dispose();
}
