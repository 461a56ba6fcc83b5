namespace Ommx.Integration.MSBuild.Tests.TestSupport;

/// <summary>Source text shared by the scratch test projects.</summary>
public static class ScratchSources
{
    /// <summary>Runs test cases in display-name order, so the Runs closed before a crash or a hang are known.</summary>
    public const string OrderByName = """
        using Xunit.Abstractions;
        using Xunit.Sdk;

        [assembly: TestCaseOrderer("E2E.ByName", "E2E")]

        namespace E2E
        {
            public sealed class ByName : ITestCaseOrderer
            {
                public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
                    testCases.OrderBy(t => t.DisplayName, StringComparer.Ordinal);
            }
        }
        """;
}
