using System.Text;
using Ommx.Integration.Distribution;
using Ommx.Integration.Oci;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Distribution;

/// <summary>A registry's error text reaches the user with every control character escaped.</summary>
public sealed class RegistryTextTests : IDisposable
{
    private const string Hostile = "bad\u001b[2J\u001b]0;owned\u0007\r\nError: forged line\0end\u202etxt.exe\u0085";
    private readonly TempRegistry target = new();

    [Fact]
    public void Pull_OciErrorWithControlCharacters_MessageEscapesThem()
    {
        using var registry = new HostileRegistry(_ => HostileReply.OciError(400, "DENIED\u001b[31m", Hostile));

        var e = Assert.Throws<RegistryException>(() => Pull(registry));

        AssertPrintable(e.Message);
        Assert.Contains(@"(DENIED\x1b[31m: bad\x1b[2J\x1b]0;owned\x07\x0d\x0aError: forged line\x00end\u202etxt.exe\x85)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_ReasonPhraseAndDigestHeaderWithEscapes_MessageEscapesThem()
    {
        using var registry = new HostileRegistry(r => r.Path.EndsWith("/v1", StringComparison.Ordinal)
            ? HostileReply.Status(200, "{}", ("Docker-Content-Digest", "sha256:\u001b[2Jforged"))
            : HostileReply.Raw(Encoding.Latin1.GetBytes("HTTP/1.1 418 I\u001b[5m am\u0085 a teapot\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")));

        var digest = Assert.Throws<RegistryException>(() => Pull(registry));
        var reason = Assert.Throws<RegistryException>(() => target.Registry.Pull(ImageReference.Parse($"{registry.Host}/team/exp:v2"), Options()));

        AssertPrintable(digest.Message);
        Assert.Contains(@"the registry says sha256:\x1b[2Jforged", digest.Message, StringComparison.Ordinal);
        AssertPrintable(reason.Message);
        Assert.Contains("418", reason.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\u001bb\tc\nd\0e\u007f", @"a\x1bb\x09c\x0ad\x00e\x7f")]
    [InlineData("rtl\u202eoverride\u2066iso\ufeff", @"rtl\u202eoverride\u2066iso\ufeff")]
    public void Printable_EscapesControlAndFormatCharacters(string text, string expected) =>
        Assert.Equal(expected, RegistryText.Printable(text));

    [Fact]
    public void Printable_LoneSurrogateEscaped_PairKept() =>
        Assert.Equal(@"lone\ud800surrogate " + "\U0001F600" + " ok", RegistryText.Printable("lone" + (char)0xD800 + "surrogate \U0001F600 ok"));

    [Fact]
    public void Printable_LongText_CutWithEllipsis()
    {
        var printed = RegistryText.Printable(new string('x', 100_000));

        Assert.Equal(RegistryText.MaxChars + 1, printed.Length);
        Assert.EndsWith("…", printed, StringComparison.Ordinal);
    }

    private static void AssertPrintable(string message) =>
        Assert.DoesNotContain(message, c => char.IsControl(c) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);

    private void Pull(HostileRegistry registry) => target.Registry.Pull(ImageReference.Parse($"{registry.Host}/team/exp:v1"), Options());

    private static RemoteOptions Options() => new()
    {
        Credentials = new FixedCredentials(null),
        Retry = new RetryPolicy { MaxAttempts = 1, Sleep = (_, _) => { } },
    };

    public void Dispose() => target.Dispose();
}
