using Ommx.Integration.Registry;

namespace Ommx.Integration.Tests.Registry;

public sealed class TextFormatsTests
{
    [Theory]
    [InlineData("0s", 0)]
    [InlineData("10", 10)]
    [InlineData("90s", 90)]
    [InlineData("2m", 120)]
    [InlineData("2h", 7200)]
    [InlineData("7d", 604800)]
    [InlineData("+5s", 5)]
    public void DurationText_Valid_Parses(string text, long seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationText.Parse(text));

    [Theory]
    [InlineData("", "duration must not be empty")]
    [InlineData("last-week", "invalid duration suffix in \"last-week\"; use s, m, h, or d")]
    [InlineData("5S", "invalid duration suffix in \"5S\"; use s, m, h, or d")]
    [InlineData("5 ", "invalid duration suffix in \"5 \"; use s, m, h, or d")]
    [InlineData("-1s", "invalid duration value in \"-1s\"")]
    [InlineData("1h30", "invalid duration value in \"1h30\"")]
    [InlineData("s", "invalid duration value in \"s\"")]
    [InlineData("99999999999999999999d", "invalid duration value in \"99999999999999999999d\"")]
    [InlineData("18446744073709551615d", "duration is too large: 18446744073709551615d")]
    public void DurationText_Invalid_OmmxMessage(string text, string message) =>
        Assert.Equal(message, Assert.Throws<InvalidDurationException>(() => DurationText.Parse(text)).Message);

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1.0 KiB")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(5L * 1024 * 1024 * 1024, "5.0 GiB")]
    public void ByteSize_Format(long bytes, string text) => Assert.Equal(text, ByteSize.Format(bytes));

    [Fact]
    public void RegistryTime_ShortestExactFraction()
    {
        var t = new DateTimeOffset(2026, 7, 10, 1, 2, 3, TimeSpan.Zero);
        Assert.Equal("2026-07-10T01:02:03+00:00", RegistryTime.Format(t));
        Assert.Equal("2026-07-10T01:02:03.123+00:00", RegistryTime.Format(t.AddTicks(1_230_000)));
        Assert.Equal("2026-07-10T01:02:03.123400+00:00", RegistryTime.Format(t.AddTicks(1_234_000)));
        Assert.Equal("2026-07-10T01:02:03.123456700+00:00", RegistryTime.Format(t.AddTicks(1_234_567)));
        Assert.Equal("2026-07-10T01:02:03+00:00", RegistryTime.Format(new DateTimeOffset(2026, 7, 10, 3, 2, 3, TimeSpan.FromHours(2))));
    }
}
