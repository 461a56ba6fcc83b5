namespace Ommx.Integration.XunitV3.Tests.TestSupport;

/// <summary>PackageReference lines of the xunit setups the tests use (versions from the feed of this machine).</summary>
public static class V3Packages
{
    /// <summary>xunit.v3 4.x: Microsoft.Testing.Platform 2.x; <c>dotnet test</c> runs it in MTP mode only.</summary>
    public const string XunitV3Latest = """<PackageReference Include="xunit.v3" Version="4.0.3" />""";

    /// <summary>xunit.v3 3.2.2: Microsoft.Testing.Platform 1.x, the oldest the package supports.</summary>
    public const string XunitV3Oldest = """<PackageReference Include="xunit.v3" Version="3.2.2" />""";

    /// <summary>xunit.v3 3.2.2 under VSTest (<c>dotnet test</c> without the MTP runner in global.json).</summary>
    public const string XunitV3OnVSTest = """
        <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
        <PackageReference Include="xunit.v3" Version="3.2.2" />
        <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
        """;

    /// <summary>xunit v2 under VSTest.</summary>
    public const string XunitV2 = """
        <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
        <PackageReference Include="xunit" Version="2.9.3" />
        <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
        """;
}
