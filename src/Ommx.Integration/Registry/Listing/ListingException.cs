namespace Ommx.Integration.Registry.Listing;

/// <summary>A strict listing met a ref it would otherwise have repaired or skipped.</summary>
internal sealed class ListingException : OmmxException
{
    public ListingException(ListingWarning warning)
        : base((warning ?? throw new ArgumentNullException(nameof(warning))).ToString()) => Warning = warning;

    public ListingWarning Warning { get; }
}
