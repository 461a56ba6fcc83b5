namespace Ommx.Integration.Doctor;

/// <summary>One problem <c>ommx doctor</c> found: what, where, which refs it affects, and whether it was repaired.</summary>
internal sealed record DoctorProblem(DoctorProblemKind Kind, string Subject, string Message)
{
    /// <summary>Every ref whose closure reaches the broken blob, in (name, reference) order.</summary>
    public IReadOnlyList<string> Refs { get; init; } = [];

    /// <summary><c>--fix</c> can repair it without losing data.</summary>
    public bool Fixable { get; init; }

    public bool Fixed { get; set; }

    /// <summary>What <c>--fix</c> did, when there is more to say than "fixed" (what it saved or removed).</summary>
    public string? FixNote { get; set; }

    /// <summary>Why <c>--fix</c> could not repair it, when it tried and failed.</summary>
    public string? FixError { get; set; }

    /// <summary>What to do about it when doctor cannot (or did not) repair it.</summary>
    public string? Hint { get; init; }
}
