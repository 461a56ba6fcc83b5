using System.Diagnostics;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Tests.Oci;

public sealed class ShellQuoteTests
{
    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("", "''")]
    [InlineData("/data/reg", "'/data/reg'")]
    [InlineData("0a1b2c3d.ommx.local/anonymous:20260512T153045-a3f17b9c04d1", "'0a1b2c3d.ommx.local/anonymous:20260512T153045-a3f17b9c04d1'")]
    [InlineData("/tmp/it's here", "'/tmp/it'\"'\"'s here'")]
    [InlineData("'", "''\"'\"''")]
    [InlineData("''", "''\"'\"''\"'\"''")]
    [InlineData("a b$c`d\"e\\f\n*", "'a b$c`d\"e\\f\n*'")]
    public void Quote_Value_WrapsInSingleQuotesAndEscapesSingleQuotes(string value, string expected)
    {
        Assert.Equal(expected, ShellQuote.Quote(value));
    }

    [Fact]
    public void Quote_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ShellQuote.Quote(null!));
    }

    [Theory]
    [InlineData("/tmp/it's a \"root\" with $HOME and `id` and \\n")]
    [InlineData("''leading and trailing''")]
    [InlineData("")]
    public void Quote_PassedThroughPosixShell_RoundTripsExactly(string value)
    {
        if (OperatingSystem.IsWindows())
        {
            // No POSIX shell to check against; the exact-output theory above still covers Windows.
            return;
        }

        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("printf '%s' " + ShellQuote.Quote(value));

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(value, output);
    }
}
