using Ommx.Integration.Model;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Experiments;

/// <summary>A recorded Solve: everything in <see cref="AdapterCallView"/> plus the Solution of a finished Solve.</summary>
public sealed class SolveView : AdapterCallView
{
    private Solution? output;

    internal SolveView(LocalRegistry registry, SolveRecord record)
        : base(registry, record, "Solve")
    {
    }

    /// <summary>The Solution; <c>null</c> unless the Solve finished.</summary>
    public Solution? Output => Record.Output is { } o ? output ??= Solution.FromLayer(o.MediaType, Registry.Blobs.Read(o)) : null;
}
