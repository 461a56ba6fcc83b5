namespace Ommx.Integration.Registry.Leases;

/// <summary>
/// Every statement the lease file <c>&lt;root&gt;/.ommx-integration/leases.sqlite3</c> runs. The file is ours,
/// not OMMX's: the OMMX SDK never opens it, so its schema can change (bump <see cref="SchemaVersion"/>).
/// </summary>
internal static class LeaseSql
{
    public const int SchemaVersion = 1;

    public const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";

    public const string EnableWal = "PRAGMA journal_mode = WAL;";

    public const string ReadUserVersion = "PRAGMA user_version;";

    public const string WriteUserVersion = "PRAGMA user_version = 1;";

    public const string CreateSchema = """
        CREATE TABLE IF NOT EXISTS leases (
            lease_id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL,
            subject TEXT,
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            process_start TEXT NOT NULL,
            started_at_ms INTEGER NOT NULL,
            heartbeat_at_ms INTEGER NOT NULL,
            expiry_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS lease_digests (
            lease_id TEXT NOT NULL,
            digest TEXT NOT NULL,
            PRIMARY KEY (lease_id, digest)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS idx_lease_digests_digest ON lease_digests(digest);
        """;

    public const string InsertLease = """
        INSERT INTO leases (lease_id, kind, subject, pid, host, process_start, started_at_ms, heartbeat_at_ms, expiry_ms)
        VALUES ($id, $kind, $subject, $pid, $host, $start, $now, $now, $expiry);
        """;

    public const string Heartbeat = "UPDATE leases SET heartbeat_at_ms = $now WHERE lease_id = $id;";

    public const string SetSubject = "UPDATE leases SET subject = $subject WHERE lease_id = $id;";

    public const string InsertDigest = "INSERT OR IGNORE INTO lease_digests (lease_id, digest) VALUES ($id, $digest);";

    public const string DeleteDigests = "DELETE FROM lease_digests WHERE lease_id = $id;";

    public const string DeleteLease = "DELETE FROM leases WHERE lease_id = $id;";

    /// <summary>Takes over an expired lease only if nobody else did since it was read (same heartbeat).</summary>
    public const string Claim = """
        UPDATE leases SET pid = $pid, host = $host, process_start = $start, heartbeat_at_ms = $now, expiry_ms = $expiry
        WHERE lease_id = $id AND pid = $oldPid AND heartbeat_at_ms = $oldHeartbeat;
        """;

    public const string SelectLeases = """
        SELECT l.lease_id, l.kind, l.subject, l.pid, l.host, l.process_start, l.started_at_ms, l.heartbeat_at_ms, l.expiry_ms,
               (SELECT count(*) FROM lease_digests d WHERE d.lease_id = l.lease_id)
        FROM leases l ORDER BY l.started_at_ms, l.lease_id;
        """;

    public const string SelectDigests = "SELECT d.lease_id, d.digest FROM lease_digests d JOIN leases l ON l.lease_id = d.lease_id;";

    public const string SelectHolders = "SELECT lease_id FROM lease_digests WHERE digest = $digest;";

    /// <summary>Digest rows whose lease row is gone (a release interrupted between its two deletes).</summary>
    public const string DeleteOrphanDigests = "DELETE FROM lease_digests WHERE lease_id NOT IN (SELECT lease_id FROM leases);";
}
