namespace Ommx.Integration.Distribution;

/// <summary>Why talking to a remote OCI registry failed.</summary>
public enum RegistryErrorKind
{
    /// <summary>The registry answered that the manifest or blob does not exist.</summary>
    NotFound,

    /// <summary>The registry (or its token service) refused the credentials, or wanted some and none were found.</summary>
    Authentication,

    /// <summary>The credentials were accepted but do not allow this action (HTTP 403).</summary>
    Authorization,

    /// <summary>The registry could not be reached, or kept failing (5xx, 429, resets) after the retries.</summary>
    Transport,

    /// <summary>The registry sent something that is not what was asked for: a digest or size mismatch, an invalid manifest.</summary>
    InvalidArtifact,

    /// <summary>The registry answered with a status the protocol does not allow here.</summary>
    Protocol,
}
