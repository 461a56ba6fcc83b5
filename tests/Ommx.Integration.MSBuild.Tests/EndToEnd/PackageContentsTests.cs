using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;
using Ommx.Integration.MSBuild.Tests.TestSupport;
using Snapshooter.Xunit;

namespace Ommx.Integration.MSBuild.Tests.EndToEnd;

/// <summary>
/// What each packed package holds, against a checked-in snapshot: every file (the package's file tree) and the
/// nuspec fields a user relies on — dependencies (no core dependency promoted into the xunit package by central
/// transitive pinning), development dependency, README, repository and tags. A file added to or lost from a
/// package, or a changed dependency, shows up as a snapshot difference. Each assembly says whether it is a
/// ReadyToRun image and for which platform (build/ReadyToRun.targets: our own net10.0 assemblies are packed
/// precompiled for linux-x64), so a package that silently falls back to IL-only assemblies shows up too.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(EndToEndCollection.Name)]
public sealed class PackageContentsTests(PackedFeed feed)
{
    [Fact]
    public void EveryPackage_FileTreeAndNuspec_MatchSnapshot()
    {
        var text = new StringBuilder();
        foreach (var id in PackedFeed.Packages.Append("Ommx.Integration.Templates"))
        {
            text.Append(Describe(id, Path.Combine(feed.Feed, $"{id}.{feed.Version}.nupkg")));
        }

        Snapshot.Match(text.ToString());
    }

    private string Describe(string id, string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var text = new StringBuilder($"== {id}\n");
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        XDocument document;
        using (var stream = nuspec.Open())
        {
            document = XDocument.Load(stream);
        }

        var metadata = document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        foreach (var field in new[] { "developmentDependency", "readme", "tags" })
        {
            text.Append($"{field}: {metadata.Elements().SingleOrDefault(e => e.Name.LocalName == field)?.Value ?? "(none)"}\n");
        }

        text.Append($"repository: {metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository")?.Attribute("url")?.Value ?? "(none)"}\n");
        foreach (var group in metadata.Descendants().Where(e => e.Name.LocalName == "group"))
        {
            var dependencies = group.Elements().Select(d => $"{d.Attribute("id")?.Value} {d.Attribute("version")?.Value?.Replace(feed.Version, "{version}", StringComparison.Ordinal)}");
            text.Append($"dependencies {group.Attribute("targetFramework")?.Value}: {string.Join(", ", dependencies)}\n");
        }

        // The zip's own bookkeeping (content types, relationships, a random-named core-properties file) is not package content.
        foreach (var entry in zip.Entries.Where(e => IsContent(e.FullName)).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            text.Append($"  {entry.FullName}{DescribeAssembly(entry)}\n");
        }

        return text.ToString();
    }

    /// <summary>" [ReadyToRun linux-x64]" for a ReadyToRun image (its platform read from the PE machine field), "" otherwise.</summary>
    private static string DescribeAssembly(ZipArchiveEntry entry)
    {
        if (!entry.FullName.EndsWith(".dll", StringComparison.Ordinal))
        {
            return "";
        }

        using var buffer = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(buffer);
        }

        buffer.Position = 0;
        using var reader = new PEReader(buffer);
        var headers = reader.PEHeaders;
        if (headers.CorHeader is not { ManagedNativeHeaderDirectory.Size: > 0 })
        {
            return "";
        }

        // A ReadyToRun image's machine field is the architecture XOR an OS value (0x7B79 = Linux, 0x4644 = Apple, 0 = Windows).
        var platform = (ushort)headers.CoffHeader.Machine switch
        {
            0x8664 ^ 0x7B79 => "linux-x64",
            0xAA64 ^ 0x7B79 => "linux-arm64",
            0x8664 => "win-x64",
            var other => $"machine 0x{other:X4}",
        };
        return $" [ReadyToRun {platform}]";
    }

    private static bool IsContent(string entry) =>
        entry != "[Content_Types].xml" && !entry.StartsWith("_rels/", StringComparison.Ordinal) && !entry.StartsWith("package/", StringComparison.Ordinal);
}
