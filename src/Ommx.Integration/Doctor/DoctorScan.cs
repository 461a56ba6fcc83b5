namespace Ommx.Integration.Doctor;

/// <summary>What one <c>ommx doctor</c> pass looked at and found.</summary>
internal sealed class DoctorScan
{
    public List<DoctorProblem> Problems { get; } = [];

    public IReadOnlyList<string> IntegrityCheck { get; set; } = [];

    public int BlobCount { get; set; }

    public long BlobBytes { get; set; }

    public int Rehashed { get; set; }

    public int RefCount { get; set; }

    public int ListedArtifacts { get; set; }

    public int Checkpoints { get; set; }

    public int LiveLeases { get; set; }

    public int ExpiredLeases { get; set; }

    public int UnfinishedSessions { get; set; }

    /// <summary>Image names of unfinished test sessions: their dead hosts' leases are released by the session's own fix.</summary>
    public HashSet<string> SessionNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Requested image names some writer lease (live or expired) works on: their drafts are not stale drafts.</summary>
    public HashSet<string> LeasedNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Image names already named by a problem (so later checks do not report the same ref twice).</summary>
    public HashSet<string> ReportedRefs { get; } = new(StringComparer.Ordinal);
}
