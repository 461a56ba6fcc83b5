namespace Ommx.Integration.Testing.Resume;

/// <summary>A part of a <see cref="TestRunFingerprint"/>.</summary>
internal enum FingerprintPart
{
    TestAssembly,
    GitRevision,
    DeclaredInputs,
}
