using Microsoft.Data.Sqlite;

namespace Ommx.Integration.Tool.Tests.TestSupport;

/// <summary>Raw SQL against a registry's index, for corrupting it on purpose.</summary>
public static class Sql
{
    public static void Execute(string registryRoot, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(registryRoot, "index.sqlite3")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
