using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

public sealed class ListCommandTests : IDisposable
{
    private readonly TempRegistryRoot registry = new();

    [Fact]
    public void List_Refs_OnePerLineInNameOrder()
    {
        registry.With(r =>
        {
            Fixtures.CommitArtifact(r, "example.com/z:v1", "z"u8.ToArray());
            Fixtures.CommitArtifact(r, "alpine", "a"u8.ToArray());
        });

        var result = registry.Ommx("list");

        Assert.Equal((0, "docker.io/library/alpine:latest\nexample.com/z:v1\n"), (result.ExitCode, result.Stdout));
    }

    [Fact]
    public void List_StdoutRedirectedToFileTheShellAlsoWrites_KeepsTheShellsLinesAroundIt()
    {
        registry.With(r => Fixtures.CommitArtifact(r, "example.com/z:v1", "z"u8.ToArray()));
        var log = Path.Combine(Path.GetTempPath(), "ommx-shared-" + Guid.NewGuid().ToString("N") + ".log");
        var script = $"{{ echo before; dotnet '{TestPaths.ToolDll}' list --root '{registry.Root}'; echo after; }} > '{log}' 2>&1";
        var info = new System.Diagnostics.ProcessStartInfo("bash") { ArgumentList = { "-c", script } };
        info.Environment["NO_COLOR"] = "1";
        using (var process = System.Diagnostics.Process.Start(info)!)
        {
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }

        Assert.Equal("before\nexample.com/z:v1\nafter\n", File.ReadAllText(log));
        File.Delete(log);
    }

    [Fact]
    public void List_Json_HasDigestAndTime()
    {
        var descriptor = registry.With(r => Fixtures.CommitArtifact(r, Fixtures.Artifact, "a"u8.ToArray()));

        var image = registry.Ommx("list", "--json").Json().GetProperty("images")[0];

        Assert.Equal(Fixtures.Artifact, image.GetProperty("image_name").GetString());
        Assert.Equal(descriptor.Digest.ToString(), image.GetProperty("manifest_digest").GetString());
        Assert.Contains('T', image.GetProperty("updated_at").GetString()!);
    }

    [Fact]
    public void List_CorruptRow_ExitsProblemsWithOmmxMessage()
    {
        registry.With(r => Fixtures.CommitArtifact(r, Fixtures.Artifact, "a"u8.ToArray()));
        Sql.Execute(registry.Root, "INSERT INTO refs VALUES ('ghcr.io/INVALID', 'latest', 'sha256:" + new string('0', 64) + "', '2026-01-01T00:00:00Z')");

        var result = registry.Ommx("list");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: Invalid Local Registry image ref with name \"ghcr.io/INVALID\" and reference \"latest\"", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => registry.Dispose();
}
