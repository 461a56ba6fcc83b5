using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Testing.Resume;

/// <summary>The failed or interrupted checkpoint a run resumes: where it is and what it was.</summary>
internal sealed record ResumeCheckpoint
{
    /// <summary>The checkpoint's ref (OMMX's internal checkpoint name), for <c>ommx inspect</c>.</summary>
    public required string ImageName { get; init; }

    /// <summary>The name the checkpointed run was recorded under.</summary>
    public required string RequestedImage { get; init; }

    /// <summary>The checkpoint manifest: the resumed Experiment's <c>subject</c>.</summary>
    public required Descriptor Manifest { get; init; }

    public required ExperimentStatus Status { get; init; }

    public string? Reason { get; init; }

    /// <summary>When its ref was last written, as the registry lists it (<c>null</c> when it was named directly).</summary>
    public string? UpdatedAt { get; init; }
}
