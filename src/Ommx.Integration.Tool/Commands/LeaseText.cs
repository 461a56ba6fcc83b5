using Ommx.Integration.Experiments;
using Ommx.Integration.Registry.Leases;

namespace Ommx.Integration.Tool.Commands;

/// <summary>How <c>ommx gc</c> and <c>ommx doctor</c> name a writer lease and what was done with it.</summary>
internal static class LeaseText
{
    public static string Describe(LeaseInfo lease) => LeaseDescription.Of(lease);

    public static string Action(StaleWriterAction action) => action switch
    {
        StaleWriterAction.Interrupted => "recovered",
        StaleWriterAction.Removed => "removed",
        StaleWriterAction.ClaimedElsewhere => "left to another process",
        StaleWriterAction.Failed => "could not recover",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
