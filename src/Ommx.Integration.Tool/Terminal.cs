using Ommx.Integration.Commands;

namespace Ommx.Integration.Tool;

/// <summary>Chooses the renderer: Spectre.Console on an interactive terminal, plain text otherwise.</summary>
internal static class Terminal
{
    public static ICommandRenderer Renderer() =>
        Console.IsOutputRedirected || Environment.GetEnvironmentVariable("OMMX_PLAIN_OUTPUT") is { Length: > 0 }
            ? PlainCommandRenderer.Instance
            : new SpectreCommandRenderer();
}
