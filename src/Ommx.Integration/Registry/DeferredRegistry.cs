namespace Ommx.Integration.Registry;

/// <summary>
/// A Local Registry whose index (SQLite) is opened on first use. The build step before the tests often needs none of it
/// (no stale session to settle, a fresh name to check against nothing): then it loads neither SQLite nor the native
/// library. The root is checked as <see cref="LocalRegistry.Open(string?)"/> checks it (file-system probes) at once, so a
/// root that is not a Local Registry is still refused before the tests run. Disposing closes the registry if this opened it.
/// </summary>
internal sealed class DeferredRegistry : IDisposable
{
    private readonly bool owned;
    private LocalRegistry? registry;

    /// <summary>Checks <paramref name="root"/> (<c>null</c>: <c>OMMX_LOCAL_REGISTRY_ROOT</c> or the default) and opens nothing yet.</summary>
    public DeferredRegistry(string? root)
    {
        Root = LocalRegistry.CheckRoot(root);
        owned = true;
    }

    private DeferredRegistry(LocalRegistry open)
    {
        registry = open;
        Root = open.Root;
    }

    /// <summary>The resolved root.</summary>
    public string Root { get; }

    /// <summary>Whether the index was opened (by this object or before it was wrapped).</summary>
    public bool IsOpen => registry is not null;

    /// <summary>The registry, opened now if it was not yet.</summary>
    public LocalRegistry Value => registry ??= LocalRegistry.Open(Root);

    /// <summary>An open registry, wrapped; the caller keeps owning it.</summary>
    public static DeferredRegistry Of(LocalRegistry open) => new(open ?? throw new ArgumentNullException(nameof(open)));

    public void Dispose()
    {
        if (owned)
        {
            registry?.Dispose();
            registry = null;
        }
    }
}
