using System.Security.Cryptography;

namespace Ommx.Integration.Oci;

/// <summary>
/// A content digest <c>sha256:&lt;64 lower-case hex&gt;</c>, the only algorithm OMMX produces.
/// Parsing follows the OCI rule: upper-case hex is rejected.
/// </summary>
public readonly record struct Digest
{
    public const string Sha256Algorithm = "sha256";

    private Digest(string hex) => Hex = hex;

    /// <summary>The 64 lower-case hex characters after <c>sha256:</c>.</summary>
    public string Hex { get; }

    public string Algorithm => Sha256Algorithm;

    public static Digest Parse(string value)
    {
        if (TryParse(value, out var digest))
        {
            return digest;
        }

        throw new OmmxException($"Invalid digest \"{value}\": expected sha256:<64 lower-case hex>");
    }

    public static bool TryParse(string? value, out Digest digest)
    {
        digest = default;
        if (value is null || !value.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return false;
        }

        var hex = value.AsSpan(7);
        if (!IsLowerHex(hex, 64))
        {
            return false;
        }

        digest = new Digest(hex.ToString());
        return true;
    }

    /// <summary>Builds a digest from the file name of a blob under <c>blobs/sha256/</c>.</summary>
    public static bool TryFromBlobFileName(string fileName, out Digest digest)
    {
        digest = default;
        if (!IsLowerHex(fileName, 64))
        {
            return false;
        }

        digest = new Digest(fileName);
        return true;
    }

    public static Digest Compute(ReadOnlySpan<byte> bytes) => new(Convert.ToHexStringLower(SHA256.HashData(bytes)));

    public static Digest FromHash(ReadOnlySpan<byte> sha256) => new(Convert.ToHexStringLower(sha256));

    internal static bool IsLowerHex(ReadOnlySpan<char> s, int length)
    {
        if (s.Length != length)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => Hex is null ? string.Empty : "sha256:" + Hex;
}
