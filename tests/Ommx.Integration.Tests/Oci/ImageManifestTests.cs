using System.Text;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Tests.Oci;

public sealed class ImageManifestTests
{
    [Fact]
    public void ToCanonicalJson_SpecExampleDraft_MatchesGoldenBytesAndDigest()
    {
        // local-registry.md §4.8: one layer of bytes "instance", no annotations.
        var layer = Descriptor.ForBytes(MediaTypes.InstanceV1, "instance"u8) with { Annotations = new Dictionary<string, string>() };
        var manifest = new ImageManifest(MediaTypes.OmmxArtifact, new Descriptor(MediaTypes.EmptyJson, MediaTypes.EmptyJsonDigest, 2), [layer]);

        var bytes = manifest.ToCanonicalJson();

        const string expected = "{\"artifactType\":\"application/org.ommx.v1.artifact\",\"config\":{\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"size\":2},\"layers\":[{\"annotations\":{},\"digest\":\"sha256:5e8c03a94c7835b87dd82c690f9f85c08592ef7433aa141ceaacb36a9f4da434\",\"mediaType\":\"application/org.ommx.v1.instance\",\"size\":8}],\"schemaVersion\":2}";
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
        Assert.Equal(389, bytes.Length);
        Assert.Equal("sha256:0f5f77dba74e817555a051f8505b3bf0d8215458d44a45e293f972e28db324fb", Digest.Compute(bytes).ToString());
    }

    [Fact]
    public void ToCanonicalJson_AnnotationInsertionOrder_DoesNotChangeDigest()
    {
        var config = new Descriptor(MediaTypes.EmptyJson, MediaTypes.EmptyJsonDigest, 2);
        var a = new ImageManifest(MediaTypes.OmmxArtifact, config, []) { Annotations = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } };
        var b = new ImageManifest(MediaTypes.OmmxArtifact, config, []) { Annotations = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } };

        Assert.Equal(a.ToCanonicalJson(), b.ToCanonicalJson());
        Assert.DoesNotContain("mediaType\":\"application/vnd.oci.image.manifest", Encoding.UTF8.GetString(a.ToCanonicalJson()), StringComparison.Ordinal);
    }

    [Fact]
    public void ToCanonicalJson_StringsNeedingEscapes_EscapedLikeSerdeJson()
    {
        var config = new Descriptor(MediaTypes.EmptyJson, MediaTypes.EmptyJsonDigest, 2);
        var manifest = new ImageManifest(MediaTypes.OmmxArtifact, config, [])
        {
            Annotations = new Dictionary<string, string> { ["k"] = "q\"b\\n\nt\tc\u0001 <&>/é" },
        };

        var json = Encoding.UTF8.GetString(manifest.ToCanonicalJson());

        Assert.Contains("\"k\":\"q\\\"b\\\\n\\nt\\tc\\u0001 <&>/é\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_V2EraManifestWithUnsortedKeys_ReadsEveryField()
    {
        var json = """{"schemaVersion":2,"artifactType":"application/org.ommx.v1.artifact","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[{"mediaType":"application/org.ommx.v1.instance","digest":"sha256:54ba9752565494599fd3bbea59d99a31a6b536a3a6056e6651effc466d99380a","size":754,"annotations":{"org.ommx.v1.instance.title":"random_lp"}}],"annotations":{"org.opencontainers.image.source":"https://github.com/Jij-Inc/ommx"}}"""u8.ToArray();

        var manifest = ImageManifest.ParseOmmx(json);

        Assert.Equal(MediaTypes.OmmxArtifact, manifest.ArtifactType);
        Assert.Equal(754, manifest.Layers.Single().Size);
        Assert.Equal("random_lp", manifest.Layers[0].Annotations!["org.ommx.v1.instance.title"]);
        Assert.Equal("https://github.com/Jij-Inc/ommx", manifest.Annotations!["org.opencontainers.image.source"]);
        Assert.Null(manifest.Subject);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"config\":{},\"layers\":[]}", "schemaVersion")]
    [InlineData("{\"schemaVersion\":2,\"layers\":[]}", "config")]
    [InlineData("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2}}", "layers")]
    [InlineData("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a\",\"digest\":\"sha256:XYZ\",\"size\":2},\"layers\":[]}", "invalid digest")]
    public void Parse_MalformedManifest_ThrowsNamingTheProblem(string json, string expected)
    {
        var e = Assert.Throws<ManifestFormatException>(() => ImageManifest.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOmmx_NonOmmxArtifactType_Throws()
    {
        var json = "{\"schemaVersion\":2,\"artifactType\":\"application/vnd.example\",\"config\":{\"mediaType\":\"a\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[]}"u8.ToArray();
        var e = Assert.Throws<ManifestFormatException>(() => ImageManifest.ParseOmmx(json));
        Assert.Contains("Not an OMMX artifact", e.Message, StringComparison.Ordinal);
    }
}
