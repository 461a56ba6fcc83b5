namespace Ommx.Integration.Oci;

/// <summary>POSIX shell quoting for printed rollback commands: <c>'…'</c> with <c>'</c> as <c>'"'"'</c>.</summary>
internal static class ShellQuote
{
    public static string Quote(string s) => "'" + s.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
}
