using Microsoft.Data.Sqlite;

namespace Ommx.Integration.Tests.Registry;

/// <summary>Raw SQLite access to a registry's index, the way another tool (or the Python stdlib) would.</summary>
internal static class SqliteTestHelpers
{
    public static SqliteConnection Open(string root)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(root, "index.sqlite3"),
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static void Exec(string root, string sql, params (string Name, object Value)[] parameters)
    {
        Directory.CreateDirectory(root);
        using var connection = Open(root);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        cmd.ExecuteNonQuery();
    }

    public static object? Scalar(string root, string sql)
    {
        using var connection = Open(root);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    public static List<string> Column(string root, string sql)
    {
        using var connection = Open(root);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}
