using System.Text.RegularExpressions;

namespace Ommx.Integration.Tool.Tests.TestSupport;

/// <summary>Replaces what changes between runs (temp paths, times, registry ids, anonymous tags) before snapshotting.</summary>
public static partial class Masking
{
    public static string Mask(string text, string root) =>
        AnonymousTag().Replace(
            RegistryHost().Replace(
                Timestamp().Replace(text.Replace(root, "<root>", StringComparison.Ordinal), "<time>"),
                "<id8>.ommx.local"),
            "<anonymous-tag>");

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\b[0-9a-f]{8}\.ommx\.local")]
    private static partial Regex RegistryHost();

    [GeneratedRegex(@"\b\d{8}T\d{6}-[0-9a-f]{12}\b")]
    private static partial Regex AnonymousTag();
}
