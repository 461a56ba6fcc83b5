namespace Ommx.Integration.Tool.Commands;

/// <summary>"Did you mean …" for a mistyped name: the closest known name by edit distance, or none when nothing is close.</summary>
internal static class NameSuggestions
{
    /// <summary>
    /// The known name closest to <paramref name="typed"/> (case-insensitive optimal string alignment distance,
    /// at most a third of the longer name, at least 1), or one that <paramref name="typed"/> is a prefix of;
    /// <c>null</c> when none is close enough. Ties go to the first in <paramref name="known"/>.
    /// </summary>
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            if (string.Equals(candidate, typed, StringComparison.Ordinal))
            {
                continue;
            }

            var distance = Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            var limit = Math.Max(1, Math.Max(typed.Length, candidate.Length) / 3);
            var isPrefix = typed.Length >= 2 && candidate.StartsWith(typed, StringComparison.OrdinalIgnoreCase);
            if ((distance <= limit || isPrefix) && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary><c> Did you mean `x`?</c> (with a leading space) or an empty string.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> known) =>
        Closest(typed, known) is { } match ? $" Did you mean `{match}`?" : string.Empty;

    /// <summary>Edits (insert, delete, substitute, swap two neighbours) that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
