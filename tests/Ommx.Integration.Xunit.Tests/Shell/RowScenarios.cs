namespace Ommx.Integration.Xunit.Tests.Shell;

/// <summary>Theories whose rows xunit does not pre-enumerate, run in process by the shell tests.</summary>
internal static class RowScenarios
{
    public sealed class Unenumerated
    {
        public static IEnumerable<object[]> NonSerializable() => [[new RowPayload(1)], [new RowPayload(2)]];

        public static IEnumerable<object[]> Clock() => [[DateTime.Now], [DateTime.Now.AddDays(1)], [Guid.NewGuid()]];

        [Theory]
        [MemberData(nameof(NonSerializable))]
        public void Custom(RowPayload payload) => Assert.True(payload.Size > 0);

        [Theory]
        [MemberData(nameof(Clock))]
        public void Changing(object stamp) => Assert.NotNull(stamp);

        [Theory]
        [InlineData(1, "a")]
        [InlineData(2, "b")]
        public void Plain(int number, string letter) => Assert.Equal(number, letter[0] - 'a' + 1);
    }

    /// <summary>Not serializable by xunit, so its theory is one test case whose rows appear only at run time.</summary>
    public sealed record RowPayload(int Size);
}
