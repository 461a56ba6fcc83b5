using System.Text.Json;

namespace Ommx.Integration.Tool.Tests.TestSupport;

/// <summary>What one run of the <c>ommx</c> process printed and returned.</summary>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
