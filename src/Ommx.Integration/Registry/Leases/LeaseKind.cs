namespace Ommx.Integration.Registry.Leases;

/// <summary>What kind of writer holds a lease (stored as text in the lease file).</summary>
internal enum LeaseKind
{
    /// <summary>An open, unsealed <see cref="Experiments.Experiment"/>; the subject is its requested image name.</summary>
    Experiment,

    /// <summary>A test host recording its test cases as one Experiment; the subject is that Experiment's name.</summary>
    TestSession,

    /// <summary>An archive or OCI-directory import; the subject is the source path.</summary>
    Import,

    /// <summary>A pull from a remote registry; the subject is the image being pulled.</summary>
    Pull,
}
