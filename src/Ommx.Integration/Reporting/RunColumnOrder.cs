using Ommx.Integration.Experiments;

namespace Ommx.Integration.Reporting;

/// <summary>
/// The order run-parameter columns are shown in: the columns that identify a test case (<c>test.method</c>,
/// <c>test.outcome</c>), then the user's parameters in the order they were first logged, then
/// <c>test.duration_seconds</c>, traits and the remaining <c>test.*</c> columns.
/// </summary>
internal static class RunColumnOrder
{
    public const string Duration = TestCaseParameters.DurationSeconds;
    private static readonly string[] Identifying = [TestCaseParameters.Method, TestCaseParameters.Outcome];

    /// <summary>Every parameter name of <paramref name="runsInIdOrder"/>, in display order.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<IReadOnlyDictionary<string, RunParameterValue>> runsInIdOrder)
    {
        ArgumentNullException.ThrowIfNull(runsInIdOrder);
        var firstLogged = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameters in runsInIdOrder)
        {
            foreach (var name in parameters.Keys.Order(StringComparer.Ordinal))
            {
                if (seen.Add(name))
                {
                    firstLogged.Add(name);
                }
            }
        }

        return
        [
            .. Identifying.Where(seen.Contains),
            .. firstLogged.Where(n => Group(n) == 1),
            .. seen.Contains(Duration) ? [Duration] : Array.Empty<string>(),
            .. firstLogged.Where(n => Group(n) == 2),
            .. firstLogged.Where(n => Group(n) == 3),
        ];
    }

    private static int Group(string name) =>
        Array.IndexOf(Identifying, name) >= 0 || name == Duration ? 0
        : name.StartsWith(TestCaseParameters.Prefix, StringComparison.Ordinal) ? 3
        : name.StartsWith(TestCaseParameters.TraitPrefix, StringComparison.Ordinal) ? 2
        : 1;
}
