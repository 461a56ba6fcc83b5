using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Model;
using Ommx.Integration.Oci;
using Ommx.Integration.Tests.Adapters;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Experiments;

public sealed class SolveDiagnosticsTests
{
    [Theory]
    [InlineData(new byte[] { 0xc4, 0x01 }, "must be valid MessagePack")]
    [InlineData(new byte[] { 0x80 }, "must decode to a MessagePack array")]
    [InlineData(new byte[] { 0x90, 0x00 }, "must contain exactly one MessagePack value")]
    public void Decode_InvalidPayload_RefusedWithOmmxWording(byte[] payload, string expected)
    {
        var error = Assert.Throws<ExperimentFormatException>(() => SolveDiagnostics.Decode(payload, "Adapter"));

        Assert.Equal($"Adapter diagnostic payload {expected}", error.Message.Split(':')[0]);
    }

    [Fact]
    public void EncodeDecode_ReasonEntry_FoundAgain()
    {
        var bytes = SolveDiagnostics.Encode([[new("reason", "InfeasibleModelException: none"), new("raw_status", "INFEASIBLE")]]);

        var entries = SolveDiagnostics.Decode(bytes, "Adapter");

        Assert.Equal("InfeasibleModelException: none", SolveDiagnostics.Find(entries, "reason"));
        Assert.Equal("INFEASIBLE", SolveDiagnostics.Find(entries, "raw_status"));
        Assert.Null(SolveDiagnostics.Find(entries, "other"));
    }

    [Fact]
    public void Load_DiagnosticsLayerHoldingMap_RefusedNamingTheSolve()
    {
        using var temp = new TempRegistry();
        var registry = temp.Registry;
        var instance = KnapsackInstances.Create(47);
        var solution = instance.Evaluate(Enumerable.Range(0, 6).ToDictionary(i => (ulong)i, _ => 0.0));
        Descriptor Store(string mediaType, byte[] bytes) => new(mediaType, registry.Blobs.Put(bytes), bytes.Length) { Annotations = new Dictionary<string, string>() };
        var run = new RunRecord { Id = 0 };
        run.Solves.Add(new SolveRecord(0, RunStatus.Finished, Store(MediaTypes.InstanceV1, instance.ToBytes()), Store(MediaTypes.SolutionV1, solution.ToBytes()), "dummy.Adapter", "{}")
        {
            Diagnostics = Store(MediaTypes.Diagnostics, [0x81, 0xa1, (byte)'a', 0x01]),
        });
        var content = new ExperimentContent();
        content.Runs[0] = run;
        var (stored, _) = ExperimentArtifactWriter.Seal(registry, null, content, ExperimentStatus.Finished, null, null);
        registry.Publish(ImageReference.Parse("example.com/exp/diagnostics:v1"), stored);

        var error = Assert.Throws<ExperimentFormatException>(() => Experiment.Load(registry, "example.com/exp/diagnostics:v1"));

        Assert.StartsWith("Invalid Run 0 Solve 0 diagnostic payload: Adapter diagnostic payload must decode to a MessagePack array", error.Message, StringComparison.Ordinal);
    }
}
