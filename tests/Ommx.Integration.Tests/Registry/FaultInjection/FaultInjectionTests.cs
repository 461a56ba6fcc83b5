using Ommx.Integration.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.Tests.Registry.FaultInjection;

/// <summary>
/// Real writer processes, a real deleting GC with a zero grace period, real SIGKILLs and a really full disk
/// against one registry. Every random choice comes from a fixed seed and every loop is bounded by an
/// iteration count, so a run is reproducible and its length does not depend on the machine's speed.
/// </summary>
[Trait("Category", "FaultInjection")]
[Collection(FaultInjectionCollection.Name)]
public sealed partial class FaultInjectionTests(ITestOutputHelper output, FaultInjectionTally tally) : IClassFixture<FaultInjectionTally>, IDisposable
{
    private readonly TempDirectory temp = new();

    private string Root => temp.Combine("registry");

    private void Report(string line)
    {
        output.WriteLine(line);
        output.WriteLine(tally.Summary());
    }

    public void Dispose() => temp.Dispose();
}
