using System.Text;
using Ommx.Integration.Experiments;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Experiments;

/// <summary>
/// The dedicated composer of a Run's close record writes exactly the bytes of the generic record (artifact config +
/// canonical manifest), so journals read the same whichever wrote them, and it writes them without the object trees.
/// </summary>
public sealed class JournalRecordComposerTests : IDisposable
{
    private const string Name = "example.com/journal/composer:v1";
    private static readonly string[] Texts =
    [
        string.Empty, "a", "passed", "Bench.Tests.GeneratedTests12.Fact1234", "quote \" backslash \\ newline \n tab \t",
        "\u0000\u0001\u001f control", "é ü 漢字", "\U0001F600 pair", "lone \ud800 high", "lone \udc00 low", "\ue000 private use",
        "\uffff", new string('x', 300),
    ];

    private readonly TempRegistry temp = new();

    [Fact]
    public void CloseRecords_RandomShapesAndHostileText_SameBytesAsTheGenericRecord()
    {
        using var journal = new ExperimentJournal(temp.Registry, ImageReference.Parse(Name), "composer-test");
        var random = new Random(1717);
        var composed = 0;
        for (var i = 0; i < 600; i++)
        {
            var delta = RandomDelta(random, (ulong)i);
            IReadOnlyList<OpenRunInfo> open = random.Next(3) switch
            {
                0 => [],
                1 => [new OpenRunInfo((ulong)i + 1, Pick(random))],
                _ => [new OpenRunInfo((ulong)i + 1, null), new OpenRunInfo((ulong)i + 2, Pick(random))],
            };

            Assert.True(JournalRecordComposer.Handles(delta));
            var expected = journal.ComposeGenericLine(delta, open);
            var actual = journal.ComposeLine(delta, open);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"record {i}:\nexpected {Encoding.UTF8.GetString(expected)}\nactual   {Encoding.UTF8.GetString(actual)}");
            composed++;
        }

        Assert.Equal(600, composed);
    }

    [Fact]
    public void OpenLine_WrittenFromTheOpenRunTable_SameBytesAsTheListComposer()
    {
        var random = new Random(4242);
        for (var i = 0; i < 200; i++)
        {
            var open = new SortedDictionary<ulong, string?>();
            for (var n = random.Next(0, 5); n > 0; n--)
            {
                open[random.Next(2) == 0 ? (ulong)random.Next(100) : ulong.MaxValue - (ulong)random.Next(100)] = random.Next(4) == 0 ? null : Pick(random);
            }

            var buffer = new System.Buffers.ArrayBufferWriter<byte>(1);
            ExperimentJournal.ComposeOpenLine(buffer, open);
            Assert.Equal(ExperimentJournal.ComposeOpenLine([.. open.Select(p => new OpenRunInfo(p.Key, p.Value))]), buffer.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public void RecordsItDoesNotTake_SolvesTraceOrSeveralRuns_GoTheGenericWay()
    {
        var twoRuns = new ExperimentContent();
        twoRuns.Runs[0] = new RunRecord { Id = 0 };
        twoRuns.Runs[1] = new RunRecord { Id = 1 };
        var traced = new ExperimentContent();
        traced.Runs[0] = new RunRecord { Id = 0, Trace = Layer("trace", "application/json") };
        Assert.False(JournalRecordComposer.Handles(twoRuns));
        Assert.False(JournalRecordComposer.Handles(traced));
        Assert.False(JournalRecordComposer.Handles(new ExperimentContent()));

        using var journal = new ExperimentJournal(temp.Registry, ImageReference.Parse(Name), "composer-test");
        Assert.Equal(journal.ComposeGenericLine(twoRuns, []), journal.ComposeLine(twoRuns, []));
    }

    [Fact]
    public void TestCloseRecord_ComposedWithLittleAllocation()
    {
        using var journal = new ExperimentJournal(temp.Registry, ImageReference.Parse(Name), "composer-test");
        var delta = new ExperimentContent();
        var run = new RunRecord { Id = 4711 };
        run.Parameters[TestCaseParameters.Id] = RunParameterValue.From("0000004f0123456789abcdef0123456789abcdef");
        run.Parameters[TestCaseParameters.DisplayName] = RunParameterValue.From("Bench.Tests.GeneratedTests47.Fact4711");
        run.Parameters[TestCaseParameters.Class] = RunParameterValue.From("Bench.Tests.GeneratedTests47");
        run.Parameters[TestCaseParameters.Method] = RunParameterValue.From("Fact4711");
        run.Parameters[TestCaseParameters.Outcome] = RunParameterValue.From("passed");
        run.Parameters[TestCaseParameters.DurationSeconds] = RunParameterValue.From(0.001);
        delta.Runs[run.Id] = run;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 16);
        journal.ComposeLine(buffer, delta, []);
        buffer.ResetWrittenCount();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            journal.ComposeLine(buffer, delta, []);
            buffer.ResetWrittenCount();
        }

        var perRecord = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        // The generic record took ~20 KB (config and manifest trees, sorted dictionaries, strings); what is left are the
        // enumerators of the record's sorted dictionaries.
        Assert.True(perRecord < 1024, $"{perRecord} bytes allocated per close record");
    }

    private static ExperimentContent RandomDelta(Random random, ulong seed)
    {
        var delta = new ExperimentContent();
        var id = random.Next(4) switch
        {
            0 => seed,
            1 => ulong.MaxValue - seed,
            2 => (ulong)random.Next(0, 200),
            _ => (ulong)random.NextInt64(),
        };
        var run = new RunRecord
        {
            Id = id,
            Status = (RunStatus)random.Next(3),
            Reason = random.Next(3) == 0 ? null : Pick(random),
        };
        for (var p = random.Next(0, 12); p > 0; p--)
        {
            run.Parameters[Pick(random) + p] = random.Next(4) switch
            {
                0 => RunParameterValue.From(random.Next(2) == 0),
                1 => RunParameterValue.From(random.Next(3) switch { 0 => long.MinValue, 1 => long.MaxValue, _ => random.NextInt64(-100_000, 100_000) }),
                2 => RunParameterValue.From(random.Next(5) switch { 0 => double.NaN, 1 => -0.0, 2 => double.PositiveInfinity, 3 => 1e300, _ => random.NextDouble() }),
                _ => RunParameterValue.From(Pick(random)),
            };
        }

        for (var a = random.Next(0, 4); a > 0; a--)
        {
            run.Attachments[Pick(random) + a] = new Attachment(Layer(Pick(random), random.Next(2) == 0 ? "text/plain; charset=utf-8" : "application/json+zstd", random.Next(3) == 0), random.Next(2) == 0 ? null : Pick(random));
        }

        for (var a = random.Next(0, 3); a > 0; a--)
        {
            delta.Attachments["experiment " + Pick(random) + a] = new Attachment(Layer(Pick(random), "application/octet-stream", random.Next(2) == 0), random.Next(2) == 0 ? null : Pick(random));
        }

        for (var k = random.Next(0, 5); k > 0; k--)
        {
            delta.Annotations["com.example." + Pick(random) + k] = Pick(random);
        }

        if (random.Next(8) == 0)
        {
            // A user annotation under a journal key: the journal's own value wins, as in the generic record.
            delta.Annotations[random.Next(2) == 0 ? ExperimentJournal.OpenRunsAnnotation : ExperimentJournal.ConfigAnnotation] = "user value";
        }

        delta.Runs[run.Id] = run;
        return delta;
    }

    private static Descriptor Layer(string content, string mediaType, bool annotated = false) =>
        Descriptor.ForBytes(mediaType, Encoding.UTF8.GetBytes(content)) with
        {
            Annotations = annotated ? new Dictionary<string, string> { [Attachment.CompressionAnnotation] = "zstd", ["\ue000 key"] = "v", ["\U0001F600 key"] = "w" } : null,
            ArtifactType = annotated ? "application/x-example" : null,
        };

    private static string Pick(Random random) => Texts[random.Next(Texts.Length)];

    public void Dispose() => temp.Dispose();
}
