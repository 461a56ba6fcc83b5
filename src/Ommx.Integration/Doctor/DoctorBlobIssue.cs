namespace Ommx.Integration.Doctor;

/// <summary>A broken blob found while walking ref closures, with every ref that reached it.</summary>
internal sealed class DoctorBlobIssue(DoctorProblemKind kind, string message)
{
    public DoctorProblemKind Kind { get; } = kind;

    public string Message { get; } = message;

    public SortedSet<string> Refs { get; } = new(StringComparer.Ordinal);
}
