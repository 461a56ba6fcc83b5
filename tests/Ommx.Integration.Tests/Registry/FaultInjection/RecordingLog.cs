using Ommx.Integration.Oci;

namespace Ommx.Integration.Tests.Registry.FaultInjection;

/// <summary>What experiment-loop workers reported on stdout before they ended or were killed.</summary>
internal sealed class RecordingLog
{
    public Dictionary<string, Digest> Committed { get; } = new(StringComparer.Ordinal);

    /// <summary>Journalled Runs closed per requested name (must survive any kill).</summary>
    public Dictionary<string, SortedSet<ulong>> ClosedRuns { get; } = new(StringComparer.Ordinal);

    public int Checkpoints { get; private set; }

    public int ScratchRuns { get; private set; }

    public void Read(IEnumerable<string> lines)
    {
        foreach (var parts in lines.Select(l => l.Split(' ')))
        {
            switch (parts[0])
            {
                case "closed":
                    ClosedRuns.TryAdd(parts[1], []);
                    ClosedRuns[parts[1]].Add(ulong.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case "committed":
                    Committed[parts[1]] = Digest.Parse(parts[2]);
                    break;
                case "checkpoint":
                    Checkpoints++;
                    break;
                case "scratch":
                    ScratchRuns++;
                    break;
            }
        }
    }

    /// <summary>The kind of the last line a worker printed: where in its loop the kill landed.</summary>
    public static string LastStep(IReadOnlyCollection<string> lines) => lines.Count == 0 ? "startup" : lines.Last().Split(' ')[0];
}
