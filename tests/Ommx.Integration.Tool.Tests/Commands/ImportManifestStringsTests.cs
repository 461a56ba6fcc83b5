using System.Text;
using Ommx.Integration.Tool.Commands;
using Ommx.Integration.Oci;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

/// <summary>
/// A manifest or index string that is not valid Unicode (raw invalid UTF-8, or a lone surrogate escape) refuses
/// that archive with one line: no stack trace, nothing stored for it, and the next source is still imported.
/// </summary>
public sealed class ImportManifestStringsTests : IDisposable
{
    private const string Bad = "@BAD@";
    private readonly TempRegistry temp = new();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var where in new[] { "index-ref-name", "index-annotation", "index-media-type", "manifest-annotation", "manifest-layer-media-type" })
        {
            foreach (var how in new[] { "lone-surrogate", "invalid-utf8" })
            {
                data.Add(where, how);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Import_UndecodableManifestString_RefusesThatSourceOnly(string where, string how)
    {
        var layer = "strings-layer"u8.ToArray();
        var manifestText = Encoding.UTF8.GetString(
            new ImageManifest(MediaTypes.OmmxArtifact, new Descriptor(MediaTypes.EmptyJson, MediaTypes.EmptyJsonDigest, 2),
                [Descriptor.ForBytes(MediaTypes.InstanceV1, layer)]).ToCanonicalJson());
        manifestText = where switch
        {
            "manifest-annotation" => "{\"annotations\":{\"note\":\"x" + Bad + "\"}," + manifestText[1..],
            "manifest-layer-media-type" => manifestText.Replace(MediaTypes.InstanceV1, MediaTypes.InstanceV1 + Bad, StringComparison.Ordinal),
            _ => manifestText,
        };
        var manifest = Inject(manifestText, how);
        var index = $"{{\"schemaVersion\":2,\"manifests\":[{{\"mediaType\":\"{MediaTypes.ImageManifest}{(where == "index-media-type" ? Bad : "")}\",\"digest\":\"{Digest.Compute(manifest)}\",\"size\":{manifest.Length},\"annotations\":{{\"org.opencontainers.image.ref.name\":\"example.com/strings:v1{(where == "index-ref-name" ? Bad : "")}\"{(where == "index-annotation" ? ",\"note\":\"" + Bad + "\"" : "")}}}}}]}}";
        var bad = temp.Scratch.Combine("a-bad.ommx");
        new TarBuilder().File("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}").Blob(manifest).Blob("{}"u8.ToArray()).Blob(layer)
            .File("index.json", Inject(index, how)).WriteTo(bad);
        var good = temp.Scratch.Combine("b-good.ommx");
        TarBuilder.Artifact("good-layer"u8.ToArray(), "example.com/good:v1").Builder.WriteTo(good);
        temp.Commit("example.com/existing:latest", "existing"u8.ToArray());

        var run = CommandRun.Of(console => new ImportCommand(console).Run(
            new ImportCommandOptions { Paths = [bad, good], Root = temp.Root }));

        Assert.Equal(ExitCode.Problems, run.Exit);
        var line = Assert.Single(run.All.Split('\n'), l => l.Contains(bad, StringComparison.Ordinal));
        Assert.Contains("not valid Unicode", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        Assert.Contains("Imported", run.All, StringComparison.Ordinal);
        Assert.Equal(["example.com/existing:latest", "example.com/good:v1"], temp.Registry.ListRefs().Select(r => $"{r.Name}:{r.Reference}").Order(StringComparer.Ordinal));
        Assert.False(temp.Registry.Blobs.Exists(Digest.Compute(layer)));
        Assert.False(temp.Registry.Blobs.Exists(Digest.Compute(manifest)));
    }

    private static byte[] Inject(string text, string how)
    {
        var parts = text.Split(Bad);
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(parts[0]));
        foreach (var part in parts.Skip(1))
        {
            bytes.AddRange(how == "lone-surrogate" ? "\\ud800"u8.ToArray() : [0xff, 0xc3, 0x28]);
            bytes.AddRange(Encoding.UTF8.GetBytes(part));
        }

        return [.. bytes];
    }

    public void Dispose() => temp.Dispose();
}
