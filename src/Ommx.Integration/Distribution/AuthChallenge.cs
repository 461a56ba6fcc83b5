using System.Text;

namespace Ommx.Integration.Distribution;

/// <summary>
/// One <c>WWW-Authenticate</c> challenge: a scheme (<c>Basic</c>, <c>Bearer</c>) and its parameters, e.g.
/// <c>Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull"</c>.
/// Parameter values are tokens or quoted strings (backslash escapes); names are case-insensitive.
/// </summary>
internal sealed class AuthChallenge
{
    private AuthChallenge(string scheme, IReadOnlyDictionary<string, string> parameters)
    {
        Scheme = scheme;
        Parameters = parameters;
    }

    public string Scheme { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? this[string name] => Parameters.TryGetValue(name, out var v) ? v : null;

    /// <summary>Parses one header value; <c>null</c> when it has no scheme.</summary>
    public static AuthChallenge? Parse(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var i = 0;
        SkipSpaces(header, ref i);
        var start = i;
        while (i < header.Length && !char.IsWhiteSpace(header[i]) && header[i] != ',')
        {
            i++;
        }

        if (i == start)
        {
            return null;
        }

        var scheme = header[start..i];
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (i < header.Length)
        {
            SkipSpaces(header, ref i);
            if (i < header.Length && header[i] == ',')
            {
                i++;
                continue;
            }

            var nameStart = i;
            while (i < header.Length && header[i] != '=' && header[i] != ',' && !char.IsWhiteSpace(header[i]))
            {
                i++;
            }

            var name = header[nameStart..i];
            SkipSpaces(header, ref i);
            if (i >= header.Length || header[i] != '=')
            {
                // A bare token (token68 form): not used by registries; skip it.
                continue;
            }

            i++;
            SkipSpaces(header, ref i);
            var value = i < header.Length && header[i] == '"' ? ReadQuoted(header, ref i) : ReadToken(header, ref i);
            if (name.Length > 0)
            {
                parameters[name] = value;
            }
        }

        return new AuthChallenge(scheme, parameters);
    }

    private static string ReadQuoted(string s, ref int i)
    {
        var value = new StringBuilder();
        i++;
        while (i < s.Length && s[i] != '"')
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
            }

            value.Append(s[i]);
            i++;
        }

        i = Math.Min(i + 1, s.Length);
        return value.ToString();
    }

    private static string ReadToken(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && s[i] != ',' && !char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        return s[start..i];
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }
    }
}
