using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Tests.TestSupport;

/// <summary>A Local Registry root in its own temp directory, filled through the core and closed before the tool runs.</summary>
public sealed class TempRegistryRoot : IDisposable
{
    private readonly TempDirectory directory = new();

    public string Root => directory.Combine("registry");

    public TempDirectory Scratch => directory;

    /// <summary>Opens the registry, lets <paramref name="fill"/> write to it, and closes it again.</summary>
    public TempRegistryRoot With(Action<LocalRegistry> fill)
    {
        using var registry = LocalRegistry.Open(Root);
        fill(registry);
        return this;
    }

    public T With<T>(Func<LocalRegistry, T> fill)
    {
        using var registry = LocalRegistry.Open(Root);
        return fill(registry);
    }

    /// <summary>Runs <c>ommx</c> with <c>--root</c> pointing here.</summary>
    public ToolResult Ommx(params string[] args) => OmmxTool.Run([.. args, "--root", Root]);

    public string Mask(string text) => Masking.Mask(text, Root);

    public void Dispose() => directory.Dispose();
}
