using System.Text.RegularExpressions;
using Ommx.Integration.Experiments;
using Ommx.Integration.Reporting;

namespace Ommx.Integration.Tests.Reporting;

/// <summary>The HTML page as text: self-contained, every Experiment text escaped, DOM size bounded for large Experiments.</summary>
public sealed class ReportHtmlTests : IDisposable
{
    private readonly TempRegistry temp = new();

    [Fact]
    public void HostileText_IsEscapedEverywhere()
    {
        using var experiment = ReportExperiments.FailedCheckpoint(temp.Registry, "example.com/report/failed:v1");
        // A hostile run-parameter name and an annotation too, not only values.
        using var other = Experiment.Create(temp.Registry, "example.com/report/names:v1");
        other.SetAnnotation("io.github.ommx-integration.machine", ReportExperiments.Hostile);
        other.Run(run => run.LogParameter(ReportExperiments.Hostile, 1L));
        other.Commit();

        foreach (var html in new[] { ReportHtml.Render(ExperimentReporter.Build(experiment)), ReportHtml.Render(ExperimentReporter.Build(other)) })
        {
            Assert.Equal(1, Regex.Count(html, "<script", RegexOptions.IgnoreCase));
            Assert.Equal(1, Regex.Count(html, "</script", RegexOptions.IgnoreCase));
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onerror=\"", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Page_LoadsNothingFromOutside()
    {
        ReportExperiments.Knapsack(temp.Registry, "example.com/report/knapsack:v1");
        using var experiment = Experiment.Load(temp.Registry, "example.com/report/knapsack:v1");

        var html = ReportHtml.Render(ExperimentReporter.Build(experiment));

        // No element that fetches: no src or href attribute except in-page anchors; the CSP forbids the rest.
        Assert.DoesNotMatch(new Regex(@"\s(src|href|xlink:href)\s*=\s*""(?!#)", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.Contains("script-src " + ReportHtmlAssets.ScriptHash, html, StringComparison.Ordinal);
        Assert.Contains("<script>" + ReportHtmlAssets.Script + "</script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<?xml", html, StringComparison.Ordinal);
        // One figure per plot, clip-path ids unique across the page.
        var ids = Regex.Matches(html, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(1, Regex.Count(html, "<figure class=\"plot\"[^>]*data-metric=\"objective\""));
    }

    [Fact]
    public void TenThousandRuns_OneRowPerRunAndBoundedPlots()
    {
        ReportExperiments.Large(temp.Registry, "example.com/report/large:v1", 10_000);
        using var experiment = Experiment.Load(temp.Registry, "example.com/report/large:v1");

        var html = ReportHtml.Render(ExperimentReporter.Build(experiment));

        var body = html[html.IndexOf("<tbody>", html.IndexOf("id=\"runs-table\"", StringComparison.Ordinal), StringComparison.Ordinal)..];
        Assert.Equal(10_000, Regex.Count(body, "<tr[ >]"));
        foreach (Match figure in Regex.Matches(html, "<figure.*?</figure>", RegexOptions.Singleline))
        {
            var elements = Regex.Count(figure.Value, "<[a-z]");
            Assert.True(elements < 1_500, $"{elements} elements in one plot");
        }

        Assert.True(html.Length < 8_000_000, $"{html.Length} characters");
    }

    [Fact]
    public void Markdown_IsCompactAndEscaped()
    {
        using var experiment = ReportExperiments.FailedCheckpoint(temp.Registry, "example.com/report/failed:v1");

        var markdown = ReportMarkdown.Format(ExperimentReporter.Build(experiment));

        Assert.StartsWith("### OMMX report: `example.com/report/failed:v1`", markdown, StringComparison.Ordinal);
        Assert.Contains("**failed** (1 test(s) failed: Suite.Solve_Hostile) · 3 run(s): 1 failed, 1 interrupted, 1 passed · 31.75 s · revision `0123456789ab` · ci-runner-1", markdown, StringComparison.Ordinal);
        Assert.Contains("**Failures (2)**", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;/script&gt;", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_WithBaseline_AppendsTheComparison()
    {
        ReportExperiments.Knapsack(temp.Registry, "example.com/report/knapsack:base");
        ReportExperiments.Knapsack(temp.Registry, "example.com/report/knapsack:head", capacity => capacity == 56 ? 40 : capacity switch { 20 => 18, 47 => 41, _ => 66 });
        using var before = Experiment.Load(temp.Registry, "example.com/report/knapsack:base");
        using var after = Experiment.Load(temp.Registry, "example.com/report/knapsack:head");

        var report = ExperimentReporter.Build(after, new ReportOptions { Baseline = before });
        var markdown = ReportMarkdown.Format(report);
        var html = ReportHtml.Render(report);

        Assert.Contains("| objective | maximize | 6 | 18 | 41 | 66 |", markdown, StringComparison.Ordinal);
        Assert.Contains("### OMMX diff: `example.com/report/knapsack:base` → `example.com/report/knapsack:head`", markdown, StringComparison.Ordinal);
        Assert.Contains("| regressed |", markdown, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(html, "<tr class=\"regressed\">"));
    }

    public void Dispose() => temp.Dispose();
}
