namespace Ommx.Integration.XunitV3.Tests.TestSupport;

/// <summary>
/// The packages an xunit v3 consumer needs (the core, the v3 package, and the v2 package for the wrong-generation and
/// mixed-solution checks) and the templates, packed once per test session (see <see cref="PackedPackages"/>).
/// </summary>
public sealed class V3PackedFeed() : PackedPackages(["Ommx.Integration", "Ommx.Integration.Xunit", "Ommx.Integration.XunitV3"], "e2e3");
