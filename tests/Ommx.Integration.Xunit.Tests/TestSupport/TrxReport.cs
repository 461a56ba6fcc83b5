using System.Globalization;
using System.Xml.Linq;

namespace Ommx.Integration.Xunit.Tests.TestSupport;

/// <summary>What a TRX file (<c>dotnet test --logger trx</c>) says: its counters and every test result.</summary>
internal sealed record TrxReport(IReadOnlyDictionary<string, int> Counters, IReadOnlyList<(string TestName, string Outcome)> Results)
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static TrxReport Load(string directory)
    {
        var file = Assert.Single(Directory.GetFiles(directory, "*.trx", SearchOption.AllDirectories));
        var document = XDocument.Load(file);
        var counters = document.Descendants(Ns + "Counters").Single().Attributes()
            .ToDictionary(a => a.Name.LocalName, a => int.Parse(a.Value, CultureInfo.InvariantCulture));
        var results = document.Descendants(Ns + "UnitTestResult")
            .Select(r => ((string)r.Attribute("testName")!, (string)r.Attribute("outcome")!))
            .ToList();
        return new TrxReport(counters, results);
    }

    /// <summary>(test method, outcome) per result, sorted: display names without their arguments, which may hold clock values.</summary>
    public IReadOnlyList<string> OutcomesByMethod => Results
        .Select(r => $"{MethodOf(r.TestName)} => {r.Outcome}")
        .Order(StringComparer.Ordinal)
        .ToList();

    public static string MethodOf(string displayName) => displayName.Split('(')[0];
}
