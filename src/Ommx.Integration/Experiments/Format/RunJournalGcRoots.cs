using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry.Gc;

namespace Ommx.Integration.Experiments.Format;

/// <summary>Hands GC the Run journals (the format this layer owns) as root files.</summary>
internal sealed class RunJournalGcRoots : IGcRootFiles
{
    public IReadOnlyList<string> Paths(string registryRoot) => RunJournalFiles.JournalPaths(registryRoot);

    public IReadOnlyList<Digest> DigestsIn(string path) => RunJournalFiles.DigestsIn(path);
}
