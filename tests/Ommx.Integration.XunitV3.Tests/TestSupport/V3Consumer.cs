namespace Ommx.Integration.XunitV3.Tests.TestSupport;

/// <summary>
/// xunit v3 test projects in a temp folder outside the repository, consuming the packed packages as a user would (see
/// <see cref="ScratchConsumer"/>). With <c>testingPlatform</c> the folder's global.json puts <c>dotnet test</c> in
/// Microsoft.Testing.Platform mode.
/// </summary>
public sealed class V3Consumer : ScratchConsumer
{
    public V3Consumer(V3PackedFeed feed, bool testingPlatform = true)
        : base(feed)
    {
        var sdk = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "global.json"));
        var version = System.Text.Json.JsonDocument.Parse(sdk).RootElement.GetProperty("sdk").GetProperty("version").GetString();
        File.WriteAllText(Path.Combine(Directory, "global.json"), testingPlatform
            ? $$"""{ "sdk": { "version": "{{version}}", "rollForward": "latestFeature" }, "test": { "runner": "Microsoft.Testing.Platform" } }"""
            : $$"""{ "sdk": { "version": "{{version}}", "rollForward": "latestFeature" } }""");
    }

    /// <summary>
    /// Adds <paramref name="name"/>/<paramref name="name"/>.csproj: the given package references (xunit and, unless
    /// <paramref name="withOmmx"/> is false, the OMMX package <paramref name="ommxPackage"/>); sources see <c>OMMX</c>
    /// defined only with it.
    /// </summary>
    public string AddProject(string name, IReadOnlyDictionary<string, string> sources, string packages, bool withOmmx = true, string ommxPackage = "Ommx.Integration.XunitV3", string targetFrameworks = "net10.0", string extraProperties = "") =>
        WriteProject(
            name,
            sources,
            targetFrameworks,
            $"""
            <OutputType>Exe</OutputType>
            {(withOmmx ? "<DefineConstants>$(DefineConstants);OMMX</DefineConstants>" : string.Empty)}
            {extraProperties}
            """,
            $"""
            {packages}
            {(withOmmx ? $"<PackageReference Include=\"{ommxPackage}\" Version=\"{Feed.Version}\" />" : string.Empty)}
            """);
}
