namespace Ommx.Integration.Tests.TestSupport;

/// <summary>One request as the <see cref="HostileRegistry"/> received it: method, target (path and query), headers, body.</summary>
public sealed record HostileRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The target without its query.</summary>
    public string Path => Target.Split('?', 2)[0];

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Method} {Path}";
}
