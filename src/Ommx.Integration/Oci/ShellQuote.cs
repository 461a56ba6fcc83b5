namespace Ommx.Integration.Oci;

/// <summary>
/// POSIX shell quoting for the copy-pasteable rollback lines the CLI prints
/// (<c>ommx restore-ref '&lt;image&gt;' '&lt;digest&gt;' --root '&lt;dir&gt;'</c>).
/// </summary>
internal static class ShellQuote
{
    /// <summary>
    /// Wraps <paramref name="s"/> in single quotes, writing each <c>'</c> as <c>'"'"'</c>.
    /// </summary>
    public static string Quote(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return "'" + s.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
    }
}
