namespace Ommx.Integration.Xunit.Tests.Shell;

/// <summary>Test classes the shell tests run in process (public nested types of a non-public class: never discovered by the outer run).</summary>
internal static class ArgumentScenarios
{
    public enum Shade
    {
        Light,
        Dark,
    }

    public sealed class IntValues
    {
        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void Takes(int value) => Assert.True(value > 0);

        [Theory]
        [InlineData(7)]
        public void EnumAsInt(int enumValue) => Assert.Equal(7, enumValue);

        [Fact]
        public void LogsNumber() => OmmxRun.Current.LogParameter("shared", 1);
    }

    public sealed class MixedValues
    {
        [Theory]
        [InlineData("one")]
        public void Takes(string value) => Assert.Equal("one", value);

        [Theory]
        [InlineData(Shade.Dark)]
        public void EnumTyped(Shade enumValue) => Assert.Equal(Shade.Dark, enumValue);

        [Theory]
        [InlineData(3)]
        [InlineData('c')]
        [InlineData("s")]
        [InlineData(true)]
        [InlineData(null)]
        public void Objects(object? value) => Assert.True(value is null or int or char or string or bool);

        [Theory]
        [InlineData(double.NaN)]
        [InlineData(1.5)]
        public void Ratios(double ratio) => Assert.True(double.IsNaN(ratio) || ratio > 0);

        [Fact]
        public void LogsText() => OmmxRun.Current.LogParameter("shared", "text");
    }
}
