namespace Ommx.Integration.Experiments;

/// <summary>How an attachment is stored: as given, or as a zstd stream (<c>&lt;type&gt;+zstd</c> with the compression annotation).</summary>
public enum AttachmentCompression
{
    None,
    Zstd,
}
