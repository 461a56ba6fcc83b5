using Ommx.Integration.Oci;

namespace Ommx.Integration.Tests.Oci;

public sealed class ImageReferenceTests
{
    private const string Sha256Hex = "0011223344556677889900112233445566778899001122334455667788990011";
    private const string Sha384Hex =
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
    private const string Sha512Hex =
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

    [Theory]
    [InlineData("alpine", "docker.io", "library/alpine", "latest", "docker.io/library/alpine:latest")]
    [InlineData("alpine:latest", "docker.io", "library/alpine", "latest", "docker.io/library/alpine:latest")]
    [InlineData("docker.io/alpine", "docker.io", "library/alpine", "latest", "docker.io/library/alpine:latest")]
    [InlineData("index.docker.io/alpine:latest", "docker.io", "library/alpine", "latest", "docker.io/library/alpine:latest")]
    [InlineData("index.docker.io/library/alpine", "docker.io", "library/alpine", "latest", "docker.io/library/alpine:latest")]
    [InlineData("registry-1.docker.io/library/alpine:latest", "docker.io", "library/alpine", "latest", "docker.io/library/alpine:latest")]
    [InlineData("registry-1.docker.io/alpine", "docker.io", "library/alpine", "latest", "docker.io/library/alpine:latest")]
    [InlineData("docker.io/library/alpine:latest", "docker.io", "library/alpine", "latest", "docker.io/library/alpine:latest")]
    [InlineData("jij-inc/ommx:latest", "docker.io", "jij-inc/ommx", "latest", "docker.io/jij-inc/ommx:latest")]
    [InlineData("library/ubuntu:20.04", "docker.io", "library/ubuntu", "20.04", "docker.io/library/ubuntu:20.04")]
    [InlineData("ghcr.io/jij-inc/ommx/demo:v1", "ghcr.io", "jij-inc/ommx/demo", "v1", "ghcr.io/jij-inc/ommx/demo:v1")]
    [InlineData("localhost:5000/test:tag1", "localhost:5000", "test", "tag1", "localhost:5000/test:tag1")]
    [InlineData("localhost/repo:tag", "localhost", "repo", "tag", "localhost/repo:tag")]
    [InlineData("test:5000/repo", "test:5000", "repo", "latest", "test:5000/repo:latest")]
    [InlineData("test.com:5000", "docker.io", "library/test.com", "5000", "docker.io/library/test.com:5000")]
    [InlineData("localhost:5000", "docker.io", "library/localhost", "5000", "docker.io/library/localhost:5000")]
    [InlineData("registry-1.docker.io.example/foo", "registry-1.docker.io.example", "foo", "latest", "registry-1.docker.io.example/foo:latest")]
    [InlineData("registry-1.docker.io", "docker.io", "library/registry-1.docker.io", "latest", "docker.io/library/registry-1.docker.io:latest")]
    [InlineData("registry-1.docker.io:v2", "docker.io", "library/registry-1.docker.io", "v2", "docker.io/library/registry-1.docker.io:v2")]
    [InlineData("GHCR.IO/foo:v1", "GHCR.IO", "foo", "v1", "GHCR.IO/foo:v1")]
    [InlineData("My-Registry.Example.com:8080/team/app:v1", "My-Registry.Example.com:8080", "team/app", "v1", "My-Registry.Example.com:8080/team/app:v1")]
    [InlineData("Index.Docker.io/foo", "Index.Docker.io", "foo", "latest", "Index.Docker.io/foo:latest")]
    [InlineData("sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com", "bar/baz/quux", "some-long-tag", "sub-dom1.foo.com/bar/baz/quux:some-long-tag")]
    [InlineData("b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io", "test.example.com/my-app", "test.example.com", "b.gcr.io/test.example.com/my-app:test.example.com")]
    [InlineData("xn--7o8h.com/myimage:xn--7o8h.com", "xn--7o8h.com", "myimage", "xn--7o8h.com", "xn--7o8h.com/myimage:xn--7o8h.com")]
    [InlineData("lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase", "docker.io/library/lowercase:Uppercase")]
    [InlineData("a__b/c---d/e.f_g:_tag", "docker.io", "a__b/c---d/e.f_g", "_tag", "docker.io/a__b/c---d/e.f_g:_tag")]
    [InlineData("foo_bar.com:8080", "docker.io", "library/foo_bar.com", "8080", "docker.io/library/foo_bar.com:8080")]
    [InlineData("example.com/team/experiment:baseline", "example.com", "team/experiment", "baseline", "example.com/team/experiment:baseline")]
    public void Parse_ValidTaggedReference_NormalisesToCanonicalForm(
        string input, string registry, string repository, string tag, string display)
    {
        var reference = ImageReference.Parse(input);

        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Null(reference.Digest);
        Assert.Equal(tag, reference.Reference);
        Assert.Equal(registry + "/" + repository, reference.RepositoryKey);
        Assert.Equal(display, reference.ToString());
    }

    [Fact]
    public void Parse_DigestOnlyReference_HasNullTagAndDigestReference()
    {
        var input = "ghcr.io/jij-inc/ommx@sha256:" + Sha256Hex;

        var reference = ImageReference.Parse(input);

        Assert.Equal("ghcr.io", reference.Registry);
        Assert.Equal("jij-inc/ommx", reference.Repository);
        Assert.Null(reference.Tag);
        Assert.Equal("sha256:" + Sha256Hex, reference.Digest);
        Assert.Equal("sha256:" + Sha256Hex, reference.Reference);
        Assert.Equal(input, reference.ToString());
    }

    [Fact]
    public void Parse_TagAndDigest_ReferenceKeepsOnlyDigestButDisplayShowsBoth()
    {
        var input = "ghcr.io/jij-inc/ommx/demo:v1@sha256:" + Sha256Hex;

        var reference = ImageReference.Parse(input);

        Assert.Equal("v1", reference.Tag);
        Assert.Equal("sha256:" + Sha256Hex, reference.Digest);
        Assert.Equal("sha256:" + Sha256Hex, reference.Reference);
        Assert.Equal("ghcr.io/jij-inc/ommx/demo", reference.RepositoryKey);
        Assert.Equal(input, reference.ToString());
    }

    [Fact]
    public void Parse_DockerHubShorthandWithDigest_AddsLibraryPrefixWithoutDefaultTag()
    {
        var reference = ImageReference.Parse("alpine@sha256:" + Sha256Hex);

        Assert.Null(reference.Tag);
        Assert.Equal("docker.io/library/alpine@sha256:" + Sha256Hex, reference.ToString());
    }

    [Theory]
    [InlineData("sha256", Sha256Hex)]
    [InlineData("sha384", Sha384Hex)]
    [InlineData("sha512", Sha512Hex)]
    public void Parse_SupportedDigestWithExactLength_Accepted(string algorithm, string hex)
    {
        var reference = ImageReference.Parse("example.com/repo@" + algorithm + ":" + hex);

        Assert.Equal(algorithm + ":" + hex, reference.Digest);
    }

    [Fact]
    public void RepositoryKey_RegistryWithPort_IncludesPort()
    {
        var reference = ImageReference.Parse("localhost:5000/ommx/test:v1");

        Assert.Equal("localhost:5000/ommx/test", reference.RepositoryKey);
        Assert.Equal("v1", reference.Reference);
    }

    [Theory]
    [InlineData("INVALID/IMAGE", "invalid reference format")]
    [InlineData("INVALID/EXPERIMENT", "invalid reference format")]
    [InlineData("ghcr.io/Foo:v1", "invalid reference format")]
    [InlineData("ghcr.io/foo@sha256:abc", "invalid reference format")]
    [InlineData("ghcr.io/foo@nottag", "invalid reference format")]
    [InlineData("[::1]/repo:tag", "invalid reference format")]
    [InlineData("[::1]:5000/repo:tag", "invalid reference format")]
    [InlineData("[2001:db8::1]/repo:tag", "invalid reference format")]
    [InlineData("::1/repo:tag", "invalid reference format")]
    [InlineData(":justtag", "invalid reference format")]
    [InlineData("@sha256:" + Sha256Hex, "invalid reference format")]
    [InlineData("Uppercase:tag", "invalid reference format")]
    [InlineData("test:5000/Uppercase/lowercase:tag", "invalid reference format")]
    [InlineData("aa/asdf$$^/aa", "invalid reference format")]
    [InlineData("ghcr.io/invalid name", "invalid reference format")]
    [InlineData("alpine\n", "invalid reference format")]
    [InlineData(" alpine", "invalid reference format")]
    [InlineData("alpine:", "invalid reference format")]
    [InlineData("alpine:.tag", "invalid reference format")]
    [InlineData("alpine:-tag", "invalid reference format")]
    [InlineData("alpine:a:b", "invalid reference format")]
    [InlineData("alpine:a/b", "invalid reference format")]
    [InlineData("alpine:a€", "invalid reference format")]
    [InlineData("/alpine", "invalid reference format")]
    [InlineData("ghcr.io/", "invalid reference format")]
    [InlineData("ghcr.io//foo", "invalid reference format")]
    [InlineData("ghcr.io/foo/", "invalid reference format")]
    [InlineData("ghcr.io:/foo", "invalid reference format")]
    [InlineData("ghcr.io:http/foo", "invalid reference format")]
    [InlineData("-ghcr.io/foo", "invalid reference format")]
    [InlineData("ghcr-.io/foo", "invalid reference format")]
    [InlineData("ghcr..io/foo", "invalid reference format")]
    [InlineData("foo_/bar", "invalid reference format")]
    [InlineData("a___b", "invalid reference format")]
    [InlineData("a-.b", "invalid reference format")]
    [InlineData("café", "invalid reference format")]
    [InlineData("ghcr.io/foo@sha256:" + Sha256Hex + "@x", "invalid reference format")]
    [InlineData("ghcr.io/foo@sha256-" + Sha256Hex, "invalid reference format")]
    [InlineData("ghcr.io/foo@1sha:" + Sha256Hex, "invalid reference format")]
    [InlineData("ghcr.io/foo@sha256:" + Sha256Hex + "g", "invalid reference format")]
    [InlineData("ghcr.io/foo@sha256:ffffffffffffffffffffffffffffffffff", "invalid checksum digest length")]
    [InlineData("ghcr.io/foo@sha256:" + Sha256Hex + "00", "invalid checksum digest length")]
    [InlineData("ghcr.io/foo@sha384:" + Sha256Hex, "invalid checksum digest length")]
    [InlineData("ghcr.io/foo@sha512:" + Sha384Hex, "invalid checksum digest length")]
    [InlineData("validname@invaliddigest:" + Sha256Hex, "unsupported digest algorithm")]
    [InlineData("ghcr.io/foo@md5:00112233445566778899001122334455", "unsupported digest algorithm")]
    [InlineData("ghcr.io/foo@SHA256:" + Sha256Hex, "unsupported digest algorithm")]
    [InlineData("ghcr.io/foo@sha256+b64:" + Sha256Hex, "unsupported digest algorithm")]
    [InlineData("ghcr.io/foo@sha256:FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "invalid checksum digest format")]
    [InlineData("ghcr.io/foo@sha256:Ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "invalid checksum digest format")]
    [InlineData("Foo/bar", "repository name must be lowercase")]
    [InlineData("Foo/bar:v1", "repository name must be lowercase")]
    [InlineData("LOCALHOST/repo", "repository name must be lowercase")]
    [InlineData("", "repository name must have at least one component")]
    public void Parse_InvalidReference_ThrowsWithReason(string input, string reason)
    {
        var exception = Assert.Throws<InvalidImageReferenceException>(() => ImageReference.Parse(input));

        Assert.Equal(input, exception.Input);
        Assert.Equal(reason, exception.Reason);
        Assert.Equal(
            "Invalid image reference " + InvalidImageReferenceException.DebugQuote(input) + ": " + reason,
            exception.Message);
    }

    [Fact]
    public void Parse_InvalidImage_MessageMatchesOmmxExactly()
    {
        var exception = Assert.Throws<InvalidImageReferenceException>(() => ImageReference.Parse("INVALID/IMAGE"));

        Assert.Equal("Invalid image reference \"INVALID/IMAGE\": invalid reference format", exception.Message);
        Assert.IsAssignableFrom<OmmxException>(exception);
    }

    [Fact]
    public void Parse_InvalidInputWithSpecialCharacters_MessageQuotesInputRustDebugStyle()
    {
        var exception = Assert.Throws<InvalidImageReferenceException>(
            () => ImageReference.Parse("a\"b\\c\n\t\r\0\u0001\u007f'é\u00a0\u200b"));

        Assert.Equal(
            "Invalid image reference \"a\\\"b\\\\c\\n\\t\\r\\0\\u{1}\\u{7f}'é\\u{a0}\\u{200b}\": invalid reference format",
            exception.Message);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("", "\"\"")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("a\u2028b\u2029c\u3000d", "\"a\\u{2028}b\\u{2029}c\\u{3000}d\"")]
    [InlineData("\u0301x\u0301", "\"\\u{301}x\\u{301}\"")]
    [InlineData("\uff9e\U0001F3FB", "\"\\u{ff9e}\\u{1f3fb}\"")]
    [InlineData("\ue000", "\"\\u{e000}\"")]
    [InlineData("日本\U0001F433", "\"日本\U0001F433\"")]
    public void DebugQuote_Value_MatchesRustDebugFormatting(string value, string expected)
    {
        Assert.Equal(expected, InvalidImageReferenceException.DebugQuote(value));
    }

    [Fact]
    public void DebugQuote_UnpairedSurrogate_EscapedAsCodeUnit()
    {
        // Built at run time: attribute arguments cannot carry an unpaired surrogate.
        var value = "a" + (char)0xD800 + "x" + (char)0xDC00;

        Assert.Equal("\"a\\u{d800}x\\u{dc00}\"", InvalidImageReferenceException.DebugQuote(value));
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ImageReference.Parse(null!));
    }

    [Fact]
    public void TryParse_ValidInput_ReturnsTrueWithReference()
    {
        var ok = ImageReference.TryParse("alpine", out var reference);

        Assert.True(ok);
        Assert.NotNull(reference);
        Assert.Equal("docker.io/library/alpine:latest", reference.ToString());
    }

    [Theory]
    [InlineData("INVALID/IMAGE")]
    [InlineData("Foo/bar")]
    [InlineData("ghcr.io/foo@sha256:ffffffffffffffffffffffffffffffffff")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_InvalidInput_ReturnsFalseWithNull(string? input)
    {
        var ok = ImageReference.TryParse(input, out var reference);

        Assert.False(ok);
        Assert.Null(reference);
    }

    [Fact]
    public void Parse_RepositoryOf255Characters_Accepted()
    {
        var reference = ImageReference.Parse("ghcr.io/" + new string('a', 255));

        Assert.Equal(255, reference.Repository.Length);
    }

    [Fact]
    public void Parse_RepositoryOf256Characters_ThrowsTooLong()
    {
        var exception = Assert.Throws<InvalidImageReferenceException>(
            () => ImageReference.Parse("ghcr.io/" + new string('a', 256)));

        Assert.Equal("repository name must not be more than 255 characters", exception.Reason);
    }

    [Fact]
    public void Parse_DockerHubNameReaching255WithLibraryPrefix_Accepted()
    {
        var reference = ImageReference.Parse(new string('a', 247));

        Assert.Equal("library/" + new string('a', 247), reference.Repository);
    }

    [Fact]
    public void Parse_DockerHubNameExceeding255WithLibraryPrefix_ThrowsTooLong()
    {
        var exception = Assert.Throws<InvalidImageReferenceException>(
            () => ImageReference.Parse(new string('a', 248)));

        Assert.Equal("repository name must not be more than 255 characters", exception.Reason);
    }

    [Fact]
    public void Parse_TagOf128Characters_Accepted()
    {
        var tag = "v" + new string('x', 127);

        Assert.Equal(tag, ImageReference.Parse("alpine:" + tag).Tag);
    }

    [Fact]
    public void Parse_TagOf129Characters_ThrowsInvalidFormat()
    {
        var exception = Assert.Throws<InvalidImageReferenceException>(
            () => ImageReference.Parse("alpine:v" + new string('x', 128)));

        Assert.Equal("invalid reference format", exception.Reason);
    }

    [Theory]
    [InlineData("ü1")]
    [InlineData("日本語")]
    [InlineData("e\u0301")]
    [InlineData("\u0301x")]
    [InlineData("Ⅻ")]
    [InlineData("Ⓐ")]
    [InlineData("a\u200db")]
    [InlineData("\U0001D400")]
    [InlineData("٣.x-y")]
    public void Parse_UnicodeWordCharactersInTag_Accepted(string tag)
    {
        Assert.Equal(tag, ImageReference.Parse("alpine:" + tag).Tag);
    }

    [Fact]
    public void Parse_TagOf128SupplementaryCharacters_CountsCodePoints()
    {
        var tag = string.Concat(Enumerable.Repeat("\U0001D400", 128));

        Assert.Equal(tag, ImageReference.Parse("alpine:" + tag).Tag);
        Assert.Throws<InvalidImageReferenceException>(() => ImageReference.Parse("alpine:" + tag + "a"));
    }

    [Theory]
    [InlineData("alpine:a\u00a0")]
    [InlineData("alpine:\U0001F433")]
    public void Parse_NonWordCharacterInTag_ThrowsInvalidFormat(string input)
    {
        var exception = Assert.Throws<InvalidImageReferenceException>(() => ImageReference.Parse(input));

        Assert.Equal("invalid reference format", exception.Reason);
    }

    [Fact]
    public void Parse_UnpairedSurrogateInTag_ThrowsInvalidFormat()
    {
        var input = "alpine:a" + (char)0xD800;

        var exception = Assert.Throws<InvalidImageReferenceException>(() => ImageReference.Parse(input));

        Assert.Equal("invalid reference format", exception.Reason);
        Assert.Equal("Invalid image reference \"alpine:a\\u{d800}\": invalid reference format", exception.Message);
    }

    [Fact]
    public void FromRepositoryAndReference_Tag_JoinsWithColon()
    {
        var reference = ImageReference.FromRepositoryAndReference("docker.io/library/alpine", "latest");

        Assert.Equal("docker.io/library/alpine:latest", reference.ToString());
        Assert.Equal("latest", reference.Tag);
    }

    [Fact]
    public void FromRepositoryAndReference_Digest_JoinsWithAt()
    {
        var reference = ImageReference.FromRepositoryAndReference("localhost:5000/ommx/test", "sha256:" + Sha256Hex);

        Assert.Null(reference.Tag);
        Assert.Equal("sha256:" + Sha256Hex, reference.Digest);
        Assert.Equal("localhost:5000/ommx/test@sha256:" + Sha256Hex, reference.ToString());
    }

    [Fact]
    public void FromRepositoryAndReference_UnparseableRow_ThrowsWithJoinedInput()
    {
        var exception = Assert.Throws<InvalidImageReferenceException>(
            () => ImageReference.FromRepositoryAndReference("ghcr.io/INVALID", "latest"));

        Assert.Equal("ghcr.io/INVALID:latest", exception.Input);
        Assert.Equal("Invalid image reference \"ghcr.io/INVALID:latest\": invalid reference format", exception.Message);
    }

    [Fact]
    public void FromRepositoryAndReference_MalformedDigest_ThrowsInvalidFormat()
    {
        var exception = Assert.Throws<InvalidImageReferenceException>(
            () => ImageReference.FromRepositoryAndReference("ghcr.io/foo", "not-a-oci:digest"));

        Assert.Equal("ghcr.io/foo@not-a-oci:digest", exception.Input);
    }

    [Theory]
    [InlineData("alpine")]
    [InlineData("localhost:5000/ommx/test:v1")]
    [InlineData("ghcr.io/jij-inc/ommx@sha256:" + Sha256Hex)]
    [InlineData("registry-1.docker.io/jij-inc/ommx:v2")]
    public void FromRepositoryAndReference_ColumnsOfParsedReference_RoundTrip(string input)
    {
        var reference = ImageReference.Parse(input);

        var reassembled = ImageReference.FromRepositoryAndReference(reference.RepositoryKey, reference.Reference);

        Assert.Equal(reference, reassembled);
    }

    [Fact]
    public void FromRepositoryAndReference_ColumnsOfTagAndDigestReference_DropsTag()
    {
        var reference = ImageReference.Parse("ghcr.io/foo:v1@sha256:" + Sha256Hex);

        var reassembled = ImageReference.FromRepositoryAndReference(reference.RepositoryKey, reference.Reference);

        Assert.Equal("ghcr.io/foo@sha256:" + Sha256Hex, reassembled.ToString());
        Assert.NotEqual(reference, reassembled);
    }

    [Theory]
    [InlineData("alpine")]
    [InlineData("GHCR.IO/foo:v1")]
    [InlineData("ghcr.io/foo:v1@sha256:" + Sha256Hex)]
    [InlineData("registry-1.docker.io")]
    public void ToString_ParsedAgain_YieldsEqualReference(string input)
    {
        var reference = ImageReference.Parse(input);

        var again = ImageReference.Parse(reference.ToString());

        Assert.Equal(reference.ToString(), again.ToString());
        Assert.Equal(reference.Tag, again.Tag);
        Assert.Equal(reference.Digest, again.Digest);
    }

    [Theory]
    [InlineData("alpine", "docker.io/library/alpine:latest")]
    [InlineData("alpine", "registry-1.docker.io/library/alpine:latest")]
    [InlineData("index.docker.io/alpine", "docker.io/alpine:latest")]
    public void Equals_DifferentSpellingsOfSameImage_AreEqual(string left, string right)
    {
        var a = ImageReference.Parse(left);
        var b = ImageReference.Parse(right);

        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData("alpine:latest", "alpine:edge")]
    [InlineData("ghcr.io/foo", "GHCR.io/foo")]
    [InlineData("ghcr.io/foo:v1@sha256:" + Sha256Hex, "ghcr.io/foo@sha256:" + Sha256Hex)]
    public void Equals_DifferentCanonicalForms_AreNotEqual(string left, string right)
    {
        var a = ImageReference.Parse(left);
        var b = ImageReference.Parse(right);

        Assert.False(a.Equals(b));
        Assert.False(a.Equals((object)b));
    }

    [Fact]
    public void Equals_NullOrOtherType_IsFalse()
    {
        var reference = ImageReference.Parse("alpine");

        Assert.False(reference.Equals(null));
        Assert.False(reference.Equals((object?)null));
        Assert.False(reference.Equals((object)"docker.io/library/alpine:latest"));
    }

    [Fact]
    public void GetHashCode_EqualReferencesInHashSet_Deduplicate()
    {
        var set = new HashSet<ImageReference>
        {
            ImageReference.Parse("alpine"),
            ImageReference.Parse("docker.io/library/alpine:latest"),
            ImageReference.Parse("index.docker.io/alpine:latest"),
            ImageReference.Parse("alpine:edge"),
        };

        Assert.Equal(2, set.Count);
    }
}
