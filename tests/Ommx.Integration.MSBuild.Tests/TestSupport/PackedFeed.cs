namespace Ommx.Integration.MSBuild.Tests.TestSupport;

/// <summary>Every product package of the repository and the templates, packed once per test session (see <see cref="PackedPackages"/>).</summary>
public sealed class PackedFeed() : PackedPackages(Packages, "e2e")
{
    /// <summary>Every package of the repository but the templates (packed apart).</summary>
    public static readonly string[] Packages = ["Ommx.Integration", "Ommx.Integration.MSBuild", "Ommx.Integration.Xunit", "Ommx.Integration.XunitV3", "Ommx.Integration.OrTools", "Ommx.Integration.Tool"];
}
