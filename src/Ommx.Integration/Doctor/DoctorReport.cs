namespace Ommx.Integration.Doctor;

/// <summary>What one doctor pass looked at, what it found and what it repaired.</summary>
internal sealed record DoctorReport
{
    public required string Root { get; init; }

    public required bool Quick { get; init; }

    /// <summary>Repairs were asked for (they are made only where the root is a Local Registry).</summary>
    public required bool FixRequested { get; init; }

    /// <summary>SQLite's <c>PRAGMA integrity_check</c> lines (<c>ok</c> alone when the index is sound).</summary>
    public required IReadOnlyList<string> IntegrityCheck { get; init; }

    public required int BlobCount { get; init; }

    public required long BlobBytes { get; init; }

    public required int Rehashed { get; init; }

    public required int RefCount { get; init; }

    public required int ListedArtifacts { get; init; }

    public required int DraftCheckpoints { get; init; }

    public required int LiveLeases { get; init; }

    public required int ExpiredLeases { get; init; }

    public required int UnfinishedSessions { get; init; }

    /// <summary>Every problem found, in the order the checks ran; repaired ones have <see cref="DoctorProblem.Fixed"/> set.</summary>
    public required IReadOnlyList<DoctorProblem> Problems { get; init; }

    public bool IndexIntact => IntegrityCheck is ["ok"];

    /// <summary>No problem remains (none found, or every one repaired).</summary>
    public bool Healthy => Problems.All(p => p.Fixed);
}
