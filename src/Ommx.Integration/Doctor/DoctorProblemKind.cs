namespace Ommx.Integration.Doctor;

/// <summary>What <c>ommx doctor</c> found wrong (the <c>kind</c> of each JSON problem).</summary>
internal enum DoctorProblemKind
{
    /// <summary>A blob whose bytes do not hash to its name.</summary>
    CorruptBlob,

    /// <summary>A blob a ref's closure needs is not in the store.</summary>
    MissingBlob,

    /// <summary>A blob whose size differs from what a manifest declares.</summary>
    SizeMismatch,

    /// <summary>A manifest a ref (or subject chain) names that does not parse.</summary>
    InvalidManifest,

    /// <summary>A <c>refs</c> row that is not a valid image name and digest.</summary>
    InvalidRef,

    /// <summary>SQLite <c>PRAGMA integrity_check</c> reported something.</summary>
    IndexIntegrity,

    /// <summary>A listing-cache row that is missing or disagrees with its manifest.</summary>
    Cache,

    /// <summary>A <c>.blob-*.tmp</c> file left by a writer that died.</summary>
    StaleTempFile,

    /// <summary>A draft Experiment checkpoint nobody has updated for longer than the stale age.</summary>
    StaleDraft,

    /// <summary>A blob file named in upper-case hex (OCI digests are lower-case).</summary>
    MisnamedBlob,

    /// <summary>A writer lease whose process is gone (or silent past its expiry); it protects nothing.</summary>
    ExpiredLease,

    /// <summary>The root holds blobs but no (or an empty) index, or is an OCI image layout: nothing may be deleted there.</summary>
    NotALocalRegistry,

    /// <summary>A <c>dotnet test</c> session whose build process is gone without settling it (its commit step failed or never ran).</summary>
    UnfinishedSession,
}
