using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Ommx.Integration.MSBuild.Tests.TestSupport;
using Snapshooter.Xunit;

namespace Ommx.Integration.MSBuild.Tests.EndToEnd;

/// <summary>
/// What each packed package holds, against a checked-in snapshot: every file (the package's file tree) and the
/// nuspec fields a user relies on — dependencies (no core dependency promoted into the xunit package by central
/// transitive pinning), development dependency, README, repository and tags. A file added to or lost from a
/// package, or a changed dependency, shows up as a snapshot difference.
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
        foreach (var entry in zip.Entries.Select(e => e.FullName).Where(IsContent).Order(StringComparer.Ordinal))
        {
            text.Append($"  {entry}\n");
        }

        return text.ToString();
    }

    private static bool IsContent(string entry) =>
        entry != "[Content_Types].xml" && !entry.StartsWith("_rels/", StringComparison.Ordinal) && !entry.StartsWith("package/", StringComparison.Ordinal);
}
