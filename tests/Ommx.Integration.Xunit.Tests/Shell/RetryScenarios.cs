namespace Ommx.Integration.Xunit.Tests.Shell;

/// <summary>Tests that fail a set number of times (the shell retry tests); <see cref="Calls"/> counts every call.</summary>
internal static class RetryScenarios
{
    public static readonly Dictionary<string, int> Calls = [];

    private static int Call(string name)
    {
        lock (Calls)
        {
            Calls[name] = Calls.GetValueOrDefault(name) + 1;
            return Calls[name];
        }
    }

    public sealed class Suite
    {
        [Fact]
        public void Passes() => Call("Passes");

        [Fact]
        public void FlakyOnce() => Assert.True(Call("FlakyOnce") > 1, "fails the first time");

        [Fact]
        public void AlwaysFails() => Assert.Fail("fails every time (call " + Call("AlwaysFails") + ")");
    }
}
