using Ommx.Integration.Oci;

namespace Ommx.Integration.Tests.Oci;

public sealed class DigestTests
{
    [Fact]
    public void Compute_EmptyJson_IsTheOciEmptyDigest() =>
        Assert.Equal(MediaTypes.EmptyJsonDigest, Digest.Compute("{}"u8));

    [Theory]
    [InlineData("sha256:44136FA355B3678A1146AD16F7E8649E94FB4FC21FE77E8310C060F61CAAFF8A")]
    [InlineData("sha256:abc")]
    [InlineData("sha512:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")]
    [InlineData("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")]
    [InlineData("")]
    public void TryParse_NotLowerCaseSha256_Fails(string text) => Assert.False(Digest.TryParse(text, out _));

    [Fact]
    public void Parse_Invalid_ThrowsWithTheText()
    {
        var e = Assert.Throws<OmmxException>(() => Digest.Parse("not-a-digest"));
        Assert.Contains("not-a-digest", e.Message, StringComparison.Ordinal);
    }
}
