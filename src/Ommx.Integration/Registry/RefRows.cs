using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>Turns raw <c>refs</c> rows into typed values, with OMMX's error texts for corrupt rows.</summary>
internal static class RefRows
{
    public static RegistryRef ToStrictRef(RawRefRow row)
    {
        if (row.Name is not string name || row.Reference is not string reference || row.UpdatedAt is not string updatedAt)
        {
            throw new RegistryFormatException("Local Registry ref columns must be TEXT");
        }

        if (row.ManifestDigest is not string digest)
        {
            throw new RegistryFormatException(
                $"Local Registry manifest digest must be TEXT, got {SqliteTypeName(row.ManifestDigest)}");
        }

        return new RegistryRef(name, reference, digest, updatedAt);
    }

    public static ImageReference ToImage(RegistryRef row)
    {
        try
        {
            return ImageReference.FromRepositoryAndReference(row.Name, row.Reference);
        }
        catch (InvalidImageReferenceException e)
        {
            throw new RegistryFormatException(
                $"Invalid Local Registry image ref with name \"{row.Name}\" and reference \"{row.Reference}\": {e.Message}", e);
        }
    }

    public static Digest ToDigest(RegistryRef row)
    {
        if (!Digest.TryParse(row.ManifestDigest, out var digest))
        {
            throw new RegistryFormatException(
                $"Invalid Local Registry manifest digest \"{row.ManifestDigest}\" for {row.ImageName}");
        }

        return digest;
    }

    public static string SqliteTypeName(object? value) => value switch
    {
        null or DBNull => "NULL",
        string => "TEXT",
        byte[] => "BLOB",
        long or int => "INTEGER",
        double => "REAL",
        _ => value.GetType().Name,
    };
}
