using System.Globalization;
using System.Text;

namespace Ommx.Integration.Xunit.Tests.TestSupport;

/// <summary>
/// Writes the source of a large xunit v2 suite shaped like real ones: theories in many classes sharing parameter
/// names with different types (<c>value</c> is an int, a string, an object, a char and a double; <c>enumValue</c>
/// an int and an enum), null/NaN/infinity/-0.0 arguments, non-serializable <c>MemberData</c>, <c>DateTime.Now</c>
/// and <c>Guid</c> rows, <c>ClassData</c>, a generic theory, a skipped theory, traits (a repeated key too),
/// <c>ITestOutputHelper</c> output, collections with a fixture. Every test passes or is skipped. The source never
/// mentions the recording package: the same text runs with and without it.
/// </summary>
internal static class GeneratedSuite
{
    /// <summary>Test results (TRX rows) one generated class yields: 49 theory rows and facts, plus one for its skipped theory.</summary>
    public const int ResultsPerClass = 50;

    /// <summary>Methods whose rows carry clock or random values: their display names differ from run to run.</summary>
    public static readonly IReadOnlyList<string> VolatileMethods = ["Stamp"];

    public static string Source(int classes)
    {
        var text = new StringBuilder("""
            using System.Collections;
            using Xunit.Abstractions;

            namespace Generated;

            public enum Shade { Unset = -1, Light, Dark }

            public sealed class Payload
            {
                public Payload(int size) => Size = size;

                public int Size { get; }

                public override string ToString() => "Payload " + Size;
            }

            public sealed class SharedFixture
            {
                public int Uses;
            }

            [CollectionDefinition("with fixture")]
            public sealed class WithFixture : ICollectionFixture<SharedFixture>
            {
            }

            public sealed class Rows : IEnumerable<object[]>
            {
                public IEnumerator<object[]> GetEnumerator()
                {
                    yield return new object[] { 1, "one" };
                    yield return new object[] { 2, "two" };
                    yield return new object[] { 3, "three" };
                }

                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            """);
        for (var k = 0; k < classes; k++)
        {
            text.Append(Class(k));
        }

        return text.ToString();
    }

    private static string Class(int k)
    {
        var i = k.ToString(CultureInfo.InvariantCulture);
        var collection = (k % 4) switch
        {
            0 => "[Collection(\"with fixture\")]",
            1 or 3 => "[Collection(\"serial " + (k % 3).ToString(CultureInfo.InvariantCulture) + "\")]",
            _ => string.Empty,
        };
        var fixture = k % 4 == 0 ? ", SharedFixture fixture" : string.Empty;
        var useFixture = k % 4 == 0 ? "fixture.Uses++;" : string.Empty;
        var value = k % 2 == 0
            ? $"""
                [Theory]
                [InlineData(0)]
                [InlineData(1)]
                [InlineData(-1)]
                [InlineData(int.MaxValue)]
                [InlineData(int.MinValue)]
                [InlineData(1{i}0)]
                [InlineData(1{i}1)]
                [InlineData(7)]
                public void Value(int value) => output.WriteLine("int " + value);
            """
            : $$"""
                [Theory]
                [InlineData("")]
                [InlineData("a")]
                [InlineData("with space")]
                [InlineData((string?)null)]
                [InlineData("naïve ünïcode")]
                [InlineData("quote \" inside")]
                [InlineData("tab\there")]
                [InlineData("x{{i}}")]
                public void Value(string? value) => output.WriteLine("string " + (value ?? "<null>"));
            """;
        var enumValue = k % 2 == 0
            ? """
                [Theory]
                [InlineData(0)]
                [InlineData(1)]
                [InlineData(-1)]
                [InlineData(42)]
                public void EnumValue(int enumValue) => Assert.InRange(enumValue, -1, 42);
            """
            : """
                [Theory]
                [InlineData(Shade.Light)]
                [InlineData(Shade.Dark)]
                [InlineData(Shade.Unset)]
                [InlineData((Shade)7)]
                public void EnumValue(Shade enumValue) => output.WriteLine(enumValue.ToString());
            """;
        return $$"""

            [Trait("area", "a{{k % 3}}")]
            {{collection}}
            public sealed class Suite{{i}}(ITestOutputHelper output{{fixture}})
            {
            {{value}}

                [Theory]
                [InlineData({{i}})]
                [InlineData('c')]
                [InlineData("s{{i}}")]
                [InlineData(true)]
                [InlineData((object?)null)]
                [InlineData(double.NaN)]
                [InlineData(2.5)]
                [InlineData(-7L)]
                [Trait("kind", "mixed")]
                public void Anything(object? value) => output.WriteLine("object " + (value?.GetType().Name ?? "null"));

            {{enumValue}}

                [Theory]
                [InlineData('a')]
                [InlineData('Z')]
                [InlineData('"')]
                [InlineData('\\')]
                public void Letter(char value) => Assert.NotEqual('\0', value);

                [Theory]
                [InlineData(double.NaN)]
                [InlineData(double.PositiveInfinity)]
                [InlineData(-0.0)]
                [InlineData(1e308)]
                public void Ratio(double value) => output.WriteLine("double " + value);

                public static IEnumerable<object[]> Payloads() =>
                    new[] { new object[] { new Payload(1) }, new object[] { new Payload(2) }, new object[] { new Payload({{i}}) }, new object[] { new Payload(-{{i}}) } };

                [Theory]
                [MemberData(nameof(Payloads))]
                public void Custom(Payload payload) => output.WriteLine(payload.ToString());

                public static IEnumerable<object[]> Clock() =>
                    new[] { new object[] { DateTime.Now }, new object[] { Guid.NewGuid() }, new object[] { DateTimeOffset.Now } };

                [Theory]
                [MemberData(nameof(Clock))]
                public void Stamp(object stamp) => Assert.NotNull(stamp);

                [Theory]
                [InlineData(1, "a")]
                [InlineData(2, null)]
                [InlineData(0, "")]
                [InlineData(-1, "z")]
                public void Pair(int count, string? name) => output.WriteLine(count + " " + name);

                [Theory]
                [ClassData(typeof(Rows))]
                public void Counted(int value, string label) => Assert.False(string.IsNullOrEmpty(label + value));

                [Theory]
                [InlineData(1)]
                [InlineData("x")]
                [InlineData(2.5)]
                public void Generic<T>(T value) => output.WriteLine(typeof(T).Name + " " + value);

                [Theory(Skip = "skipped theory")]
                [InlineData(1)]
                [InlineData(2)]
                public void SkippedTheory(int value) => Assert.Fail("never runs " + value);

                [Fact]
                [Trait("kind", "output")]
                public void Writes()
                {
                    {{useFixture}}
                    output.WriteLine("line one of Suite{{i}}");
                    output.WriteLine("line two");
                }

                [Fact(Skip = "skipped on purpose")]
                public void Skipped() => Assert.Fail("never runs");

                [Fact]
                public async Task Awaits()
                {
                    await Task.Yield();
                    output.WriteLine("after await");
                }

                [Fact]
                [Trait("kind", "first")]
                [Trait("kind", "second")]
                public void TwoTraits() => Assert.True(true);
            }

            """;
    }
}
