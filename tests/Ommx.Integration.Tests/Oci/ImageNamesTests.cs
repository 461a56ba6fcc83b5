using Ommx.Integration.Oci;

namespace Ommx.Integration.Tests.Oci;

public sealed class ImageNamesTests
{
    private const string RegistryId = "bb040f6d0123456789abcdef01234567";

    [Theory]
    [InlineData("example.com/team/experiment:baseline", "d82aca7438cfd46a495ccbd55a71c7ad616340da2cb47b2af9693424af501305")]
    [InlineData("alpine", "c9ef5b1f0b442255774ae31a839ff48ce1206a606a97052db8b4a13ae153fb7c")]
    [InlineData("ghcr.io/jij-inc/ommx/demo:v1", "23b28584ab5a12b2e019b1e01cf742ac430564ecb370800407d2ecd42f540785")]
    [InlineData("example.com/team/experiment:latest", "2bc737263a172ff0f349af93d45c4caee54ac9a978937b71bdf23edac6da7fea")]
    public void CheckpointReference_SpecVectors_Match(string requested, string tag)
    {
        var checkpoint = ImageNames.CheckpointReference(RegistryId, ImageReference.Parse(requested));

        Assert.Equal($"bb040f6d.ommx.local/checkpoint:{tag}", checkpoint.ToString());
    }

    [Fact]
    public void NewAnonymous_Shape_MatchesPredicatesAndDiffersEachTime()
    {
        var a = ImageNames.NewAnonymous(RegistryId, ImageNames.AnonymousRepository, new DateTime(2026, 5, 12, 15, 30, 45, DateTimeKind.Local));
        var b = ImageNames.NewAnonymous(RegistryId, ImageNames.AnonymousRepository, new DateTime(2026, 5, 12, 15, 30, 45, DateTimeKind.Local));

        Assert.Equal("bb040f6d.ommx.local", a.Registry);
        Assert.Equal(28, a.Tag!.Length);
        Assert.Equal('T', a.Tag[8]);
        Assert.Equal('-', a.Tag[15]);
        Assert.StartsWith("20260512T153045-", a.Tag, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
        Assert.True(ImageNames.IsAnonymousTag(a.Tag));
        Assert.True(ImageNames.IsAnonymousRepositoryKey(a.RepositoryKey, includeExperiments: false));
    }

    [Theory]
    [InlineData("myhost.ommx.local/anonymous", false)]
    [InlineData("ABCDEFGH.ommx.local/anonymous", false)]
    [InlineData("0a1b2c3d.ommx.local/anonymous", true)]
    [InlineData("0a1b2c3d.ommx.local/experiment", false)]
    [InlineData("0a1b2c3d.ommx.local/checkpoint", false)]
    public void IsAnonymousRepositoryKey_Cases(string name, bool expected) =>
        Assert.Equal(expected, ImageNames.IsAnonymousRepositoryKey(name, includeExperiments: false));

    [Fact]
    public void IsAnonymousRepositoryKey_ExperimentsIncluded_AcceptsExperimentRepository() =>
        Assert.True(ImageNames.IsAnonymousRepositoryKey("0a1b2c3d.ommx.local/experiment", includeExperiments: true));

    [Theory]
    [InlineData("v1")]
    [InlineData("20260512-15304500a3f17b9c")]
    [InlineData("20260512T153045")]
    [InlineData("20260512T153045-XXXXXXXX")]
    [InlineData("20260512T153045_a3f17b9c")]
    [InlineData("20260512T153045-A3F17B9C04D1")]
    public void IsAnonymousTag_NotTheShape_False(string tag) => Assert.False(ImageNames.IsAnonymousTag(tag));

    [Theory]
    [InlineData("existing-registry-id")]
    [InlineData("ABCDEF0123")]
    [InlineData("abc")]
    public void RegistryHost_IdNotLowerHex_ClearError(string id)
    {
        var e = Assert.Throws<OmmxException>(() => ImageNames.RegistryHost(id));
        Assert.StartsWith("Anonymous artifact registry id must be at least 8 lowercase hex chars; got", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShellQuote_SingleQuote_Escaped() =>
        Assert.Equal("'/data/it'\"'\"'s'", ShellQuote.Quote("/data/it's"));
}
