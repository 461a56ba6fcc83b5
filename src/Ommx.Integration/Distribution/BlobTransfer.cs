namespace Ommx.Integration.Distribution;

/// <summary>What happened to one blob during a push or pull.</summary>
internal enum BlobTransfer
{
    /// <summary>Sent to the registry.</summary>
    Uploaded,

    /// <summary>Already in the target repository (push) or in the Local Registry (pull): nothing moved.</summary>
    AlreadyPresent,

    /// <summary>Linked from another repository on the same registry host (cross-repository mount).</summary>
    Mounted,

    /// <summary>Received from the registry and verified.</summary>
    Downloaded,
}
