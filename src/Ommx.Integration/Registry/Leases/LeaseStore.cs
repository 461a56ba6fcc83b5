using Microsoft.Data.Sqlite;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Leases;

/// <summary>
/// The lease file <c>&lt;root&gt;/.ommx-integration/leases.sqlite3</c> (SQLite, WAL, 30 s busy timeout): one row
/// per writer (<c>leases</c>) and the digests each has written but not yet published (<c>lease_digests</c>).
/// It lives outside OMMX's <c>index.sqlite3</c>, whose schema stays exactly OMMX's. One connection per
/// instance, serialised by a lock (the heartbeat timer shares it with the writer).
/// </summary>
internal sealed class LeaseStore : IDisposable
{
    public const string FileName = "leases.sqlite3";
    private readonly SqliteConnection connection;
    private readonly Lock gate = new();

    private LeaseStore(SqliteConnection connection, string path)
    {
        this.connection = connection;
        FilePath = path;
    }

    public string FilePath { get; }

    public static string PathFor(string registryRoot) => Path.Combine(IntegrationDirectory.PathFor(registryRoot), FileName);

    /// <summary>Opens the lease file; <c>null</c> when it does not exist and <paramref name="create"/> is false.</summary>
    public static LeaseStore? Open(string registryRoot, bool create)
    {
        var path = PathFor(registryRoot);
        if (!create && !File.Exists(path))
        {
            return null;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            Run(connection, null, LeaseSql.Pragmas);
            Run(connection, null, LeaseSql.EnableWal);
            using (var tx = connection.BeginTransaction(deferred: false))
            {
                var version = Convert.ToInt64(Scalar(connection, tx, LeaseSql.ReadUserVersion), System.Globalization.CultureInfo.InvariantCulture);
                if (version > LeaseSql.SchemaVersion)
                {
                    throw new RegistryFormatException($"Unsupported lease file version {version} in {path}; expected {LeaseSql.SchemaVersion} or older");
                }

                Run(connection, tx, LeaseSql.CreateSchema);
                Run(connection, tx, LeaseSql.WriteUserVersion);
                tx.Commit();
            }

            return new LeaseStore(connection, path);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new OmmxException($"Cannot open the lease file {path}: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public LeaseInfo Insert(LeaseKind kind, string? subject, TimeSpan expiry)
    {
        var now = DateTimeOffset.UtcNow;
        var info = new LeaseInfo
        {
            Id = Guid.NewGuid().ToString("N"),
            Kind = kind,
            Subject = subject,
            ProcessId = ProcessIdentity.CurrentPid,
            HostName = ProcessIdentity.CurrentHost,
            ProcessStart = ProcessIdentity.CurrentStartToken,
            StartedAt = now,
            HeartbeatAt = now,
            Expiry = expiry,
        };
        Write(tx =>
        {
            using var cmd = Command(tx, LeaseSql.InsertLease);
            cmd.Parameters.AddWithValue("$id", info.Id);
            cmd.Parameters.AddWithValue("$kind", KindText(kind));
            cmd.Parameters.AddWithValue("$subject", (object?)subject ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$pid", info.ProcessId);
            cmd.Parameters.AddWithValue("$host", info.HostName);
            cmd.Parameters.AddWithValue("$start", info.ProcessStart);
            cmd.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            cmd.Parameters.AddWithValue("$expiry", (long)expiry.TotalMilliseconds);
            cmd.ExecuteNonQuery();
        });
        return info;
    }

    /// <summary>Bumps the heartbeat; false when the row is gone (someone reclaimed the lease as expired).</summary>
    public bool Heartbeat(string id)
    {
        var changed = 0;
        Write(tx =>
        {
            using var cmd = Command(tx, LeaseSql.Heartbeat);
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            changed = cmd.ExecuteNonQuery();
        });
        return changed > 0;
    }

    public void SetSubject(string id, string? subject) => Write(tx =>
    {
        using var cmd = Command(tx, LeaseSql.SetSubject);
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$subject", (object?)subject ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    });

    /// <summary>Registers digests for a lease in one transaction (one commit however many digests).</summary>
    public void Register(string id, IEnumerable<Digest> digests) => Write(tx =>
    {
        using var cmd = Command(tx, LeaseSql.InsertDigest);
        var idParameter = cmd.Parameters.Add("$id", SqliteType.Text);
        var digestParameter = cmd.Parameters.Add("$digest", SqliteType.Text);
        idParameter.Value = id;
        foreach (var digest in digests)
        {
            digestParameter.Value = digest.ToString();
            cmd.ExecuteNonQuery();
        }
    });

    /// <summary>Removes a lease and everything it registered.</summary>
    public void Delete(string id) => Write(tx =>
    {
        foreach (var sql in new[] { LeaseSql.DeleteDigests, LeaseSql.DeleteLease })
        {
            using var cmd = Command(tx, sql);
            cmd.Parameters.AddWithValue("$id", id);
            cmd.ExecuteNonQuery();
        }
    });

    /// <summary>
    /// Takes over an expired lease for this process (so two repairers do not both recover it). True when
    /// this call won; the row now carries this process and a fresh heartbeat until <see cref="Delete"/>.
    /// </summary>
    public bool Claim(LeaseInfo expired, TimeSpan expiry)
    {
        var changed = 0;
        Write(tx =>
        {
            using var cmd = Command(tx, LeaseSql.Claim);
            cmd.Parameters.AddWithValue("$id", expired.Id);
            cmd.Parameters.AddWithValue("$pid", ProcessIdentity.CurrentPid);
            cmd.Parameters.AddWithValue("$host", ProcessIdentity.CurrentHost);
            cmd.Parameters.AddWithValue("$start", ProcessIdentity.CurrentStartToken);
            cmd.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            cmd.Parameters.AddWithValue("$expiry", (long)expiry.TotalMilliseconds);
            cmd.Parameters.AddWithValue("$oldPid", expired.ProcessId);
            cmd.Parameters.AddWithValue("$oldHeartbeat", expired.HeartbeatAt.ToUnixTimeMilliseconds());
            changed = cmd.ExecuteNonQuery();
        });
        return changed > 0;
    }

    /// <summary>Every lease, with its state decided now.</summary>
    public IReadOnlyList<LeaseInfo> List()
    {
        var now = DateTimeOffset.UtcNow;
        lock (gate)
        {
            using var cmd = Command(null, LeaseSql.SelectLeases);
            using var reader = cmd.ExecuteReader();
            var leases = new List<LeaseInfo>();
            while (reader.Read())
            {
                leases.Add(new LeaseInfo
                {
                    Id = reader.GetString(0),
                    Kind = ParseKind(reader.GetString(1)),
                    Subject = reader.IsDBNull(2) ? null : reader.GetString(2),
                    ProcessId = reader.GetInt32(3),
                    HostName = reader.GetString(4),
                    ProcessStart = reader.GetString(5),
                    StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                    HeartbeatAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                    Expiry = TimeSpan.FromMilliseconds(reader.GetInt64(8)),
                    DigestCount = reader.GetInt32(9),
                }.Evaluate(now));
            }

            return leases;
        }
    }

    /// <summary>Every (lease id, digest) pair whose lease row exists.</summary>
    public IReadOnlyList<(string LeaseId, Digest Digest)> AllDigests()
    {
        lock (gate)
        {
            using var cmd = Command(null, LeaseSql.SelectDigests);
            using var reader = cmd.ExecuteReader();
            var rows = new List<(string, Digest)>();
            while (reader.Read())
            {
                if (Digest.TryParse(reader.GetString(1), out var digest))
                {
                    rows.Add((reader.GetString(0), digest));
                }
            }

            return rows;
        }
    }

    /// <summary>The ids of the leases that registered <paramref name="digest"/>.</summary>
    public IReadOnlyList<string> Holders(Digest digest)
    {
        lock (gate)
        {
            using var cmd = Command(null, LeaseSql.SelectHolders);
            cmd.Parameters.AddWithValue("$digest", digest.ToString());
            using var reader = cmd.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }
    }

    public void DeleteOrphanDigests() => Write(tx =>
    {
        using var cmd = Command(tx, LeaseSql.DeleteOrphanDigests);
        cmd.ExecuteNonQuery();
    });

    private void Write(Action<SqliteTransaction> body)
    {
        lock (gate)
        {
            try
            {
                using var tx = connection.BeginTransaction(deferred: false);
                body(tx);
                tx.Commit();
            }
            catch (SqliteException e) when (DiskFull.Is(e))
            {
                throw DiskFull.Error(FilePath, e);
            }
            catch (SqliteException e)
            {
                throw new OmmxException($"Lease file {FilePath}: {e.Message}", e);
            }
        }
    }

    private SqliteCommand Command(SqliteTransaction? tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private static void Run(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    internal static string KindText(LeaseKind kind) => kind switch
    {
        LeaseKind.Experiment => "experiment",
        LeaseKind.TestSession => "test-session",
        LeaseKind.Import => "import",
        LeaseKind.Pull => "pull",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static LeaseKind ParseKind(string text) => text switch
    {
        "experiment" => LeaseKind.Experiment,
        "test-session" => LeaseKind.TestSession,
        "import" => LeaseKind.Import,
        "pull" => LeaseKind.Pull,
        _ => throw new RegistryFormatException($"Unknown lease kind \"{text}\" in the lease file"),
    };

    public void Dispose() => connection.Dispose();
}
