using System.Globalization;
using Ommx.Integration.Tool.Commands;

namespace Ommx.Integration.Tool;

/// <summary>Chooses the renderer and the line width from the terminal and the environment.</summary>
internal static class Terminal
{
    /// <summary>
    /// Spectre.Console on an interactive terminal; plain text (no ANSI escapes at all) when output is
    /// redirected, or <c>NO_COLOR</c> (https://no-color.org) or <c>OMMX_PLAIN_OUTPUT</c> is set to any non-empty value.
    /// </summary>
    public static ICommandRenderer Renderer() =>
        Console.IsOutputRedirected || IsSet("NO_COLOR") || IsSet("OMMX_PLAIN_OUTPUT")
            ? PlainCommandRenderer.Instance
            : new SpectreCommandRenderer();

    /// <summary>The terminal's width; when output is not a terminal, <c>COLUMNS</c> or <see cref="InspectCommandOptions.DefaultWidth"/>.</summary>
    public static int Width()
    {
        if (!Console.IsOutputRedirected && TerminalSize.StandardOutputColumns() is { } terminal)
        {
            return terminal;
        }

        return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns > 0
            ? columns
            : InspectCommandOptions.DefaultWidth;
    }

    private static bool IsSet(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 };
}
