namespace Ommx.Integration.Xunit.Tests.Shell;

/// <summary>A suite whose failures a test switches on and off between two runs (the shell resume tests).</summary>
internal static class ResumeScenarios
{
    /// <summary>Test names (method, or method:row) that fail while listed; every test that runs is counted in <see cref="Ran"/>.</summary>
    public static readonly HashSet<string> Failing = [];

    public static readonly List<string> Ran = [];

    private static void Check(string name)
    {
        lock (Ran)
        {
            Ran.Add(name);
        }

        Assert.DoesNotContain(name, Failing);
    }

    public sealed class Suite
    {
        [Fact]
        public void Alpha() => Check("Alpha");

        [Fact]
        public void Beta() => Check("Beta");

        [Fact(Skip = "not today")]
        public void Skipped() => Check("Skipped");

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void Row(int n) => Check("Row:" + n);

        [Theory]
        [MemberData(nameof(Payloads))]
        public void Unenumerated(RowScenarios.RowPayload payload) => Check("Unenumerated:" + payload.Size);

        public static IEnumerable<object[]> Payloads() => [[new RowScenarios.RowPayload(1)], [new RowScenarios.RowPayload(2)]];
    }
}
