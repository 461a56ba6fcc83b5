namespace Ommx.Integration.Tests.Architecture;

/// <summary>One folder (namespace and its sub-namespaces) of the core and the folders it may use directly.</summary>
internal sealed record CoreLayer(string Namespace, params string[] MayUse)
{
    /// <summary>Types of a layer above that this one may name: the plain data it encodes (values, records, statuses), never behaviour.</summary>
    public IReadOnlySet<string> Vocabulary { get; init; } = new HashSet<string>();

    /// <summary>Whether <paramref name="ns"/> is this layer's namespace or one below it (the root layer owns only itself).</summary>
    public bool Owns(string ns) =>
        ns == Namespace || (Namespace != CoreLayers.Root && ns.StartsWith(Namespace + ".", StringComparison.Ordinal));
}
