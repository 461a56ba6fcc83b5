namespace Ommx.Integration.Testing.Resume;

/// <summary>One part of the fingerprint that differs between a checkpoint and the run that would resume it.</summary>
internal sealed record FingerprintChange(FingerprintPart Part, string? Recorded, string? Current)
{
    /// <summary>For example <c>the test assembly (mvid:… → mvid:…)</c>.</summary>
    public override string ToString() => $"{Describe(Part)} ({Recorded ?? "not recorded"} → {Current ?? "unknown"})";

    private static string Describe(FingerprintPart part) => part switch
    {
        FingerprintPart.TestAssembly => "the test assembly",
        FingerprintPart.GitRevision => "the git revision",
        _ => "the declared inputs (OmmxInput)",
    };
}
