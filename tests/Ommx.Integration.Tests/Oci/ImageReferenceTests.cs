using Ommx.Integration.Oci;

namespace Ommx.Integration.Tests.Oci;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("alpine", "docker.io/library/alpine:latest")]
    [InlineData("alpine:latest", "docker.io/library/alpine:latest")]
    [InlineData("docker.io/alpine", "docker.io/library/alpine:latest")]
    [InlineData("index.docker.io/alpine:latest", "docker.io/library/alpine:latest")]
    [InlineData("registry-1.docker.io/library/alpine:latest", "docker.io/library/alpine:latest")]
    [InlineData("registry-1.docker.io", "docker.io/library/registry-1.docker.io:latest")]
    [InlineData("registry-1.docker.io.example/foo", "registry-1.docker.io.example/foo:latest")]
    [InlineData("localhost:5000/test:tag1", "localhost:5000/test:tag1")]
    [InlineData("localhost/test", "localhost/test:latest")]
    [InlineData("jij-inc/ommx:latest", "docker.io/jij-inc/ommx:latest")]
    [InlineData("ghcr.io/jij-inc/ommx/demo:v1", "ghcr.io/jij-inc/ommx/demo:v1")]
    [InlineData("Example.COM/a__b/c-d--e:t.1-x", "Example.COM/a__b/c-d--e:t.1-x")]
    public void Parse_ValidName_Canonicalises(string input, string canonical) =>
        Assert.Equal(canonical, ImageReference.Parse(input).ToString());

    [Fact]
    public void Parse_PortAndPath_SplitsIntoRefsColumns()
    {
        var image = ImageReference.Parse("localhost:5000/ommx/test:tag1");

        Assert.Equal(("localhost:5000", "ommx/test", "tag1"), (image.Registry, image.Repository, image.Tag));
        Assert.Equal("localhost:5000/ommx/test", image.RepositoryKey);
        Assert.Equal("tag1", image.Reference);
    }

    [Fact]
    public void Parse_TagAndDigest_ReferenceIsDigestDisplayKeepsBoth()
    {
        const string digest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
        var image = ImageReference.Parse($"ghcr.io/foo:v1@{digest}");

        Assert.Equal(digest, image.Reference);
        Assert.Equal($"ghcr.io/foo:v1@{digest}", image.ToString());
        var row = ImageReference.FromRepositoryAndReference(image.RepositoryKey, image.Reference);
        Assert.Equal($"ghcr.io/foo@{digest}", row.ToString());
        Assert.Null(row.Tag);
    }

    [Theory]
    [InlineData("INVALID/IMAGE", "invalid reference format")]
    [InlineData("ghcr.io/Foo:v1", "invalid reference format")]
    [InlineData("ghcr.io/foo@sha256:abc", "invalid reference format")]
    [InlineData("ghcr.io/foo@nottag", "invalid reference format")]
    [InlineData("[::1]/repo:tag", "invalid reference format")]
    [InlineData("Foo/bar", "repository name must be lowercase")]
    [InlineData("ghcr.io/foo@sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc2", "invalid checksum digest length")]
    [InlineData("ghcr.io/foo@md5:44136fa355b3678a1146ad16f7e8649e", "unsupported digest algorithm")]
    [InlineData("", "invalid reference format")]
    public void Parse_InvalidName_ThrowsWithReason(string input, string reason)
    {
        var e = Assert.Throws<InvalidImageReferenceException>(() => ImageReference.Parse(input));
        Assert.Equal(reason, e.Reason);
        Assert.Equal($"Invalid image reference \"{input}\": {reason}", e.Message);
    }

    [Fact]
    public void Parse_RepositoryLongerThan255_Refused()
    {
        var e = Assert.Throws<InvalidImageReferenceException>(() => ImageReference.Parse("example.com/" + new string('a', 256)));
        Assert.Equal("repository name must not be more than 255 characters", e.Reason);
    }

    [Fact]
    public void Message_QuotesLikeRust()
    {
        var e = Assert.Throws<InvalidImageReferenceException>(() => ImageReference.Parse("a\"b\\c"));
        Assert.Equal("Invalid image reference \"a\\\"b\\\\c\": invalid reference format", e.Message);
    }

    [Fact]
    public void Equality_ByCanonicalString() =>
        Assert.Equal(ImageReference.Parse("alpine"), ImageReference.Parse("docker.io/library/alpine:latest"));
}
