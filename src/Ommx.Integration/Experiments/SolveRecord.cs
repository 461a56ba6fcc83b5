using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments;

/// <summary>
/// One recorded Solve (or Sampling): its id, status, input Instance layer, output layer (present iff
/// finished), adapter name, adapter options (a JSON document as a string) and optional diagnostics.
/// </summary>
internal sealed record SolveRecord(ulong Id, RunStatus Status, Descriptor Input, Descriptor? Output, string Adapter, string AdapterOptions)
{
    public Descriptor? Diagnostics { get; init; }
}
