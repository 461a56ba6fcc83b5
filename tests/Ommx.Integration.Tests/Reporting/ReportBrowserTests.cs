using Ommx.Integration.Experiments;
using Ommx.Integration.Reporting;
using Ommx.Integration.Tests.TestSupport;
using PuppeteerSharp;

namespace Ommx.Integration.Tests.Reporting;

/// <summary>
/// Report pages opened in headless Debian chromium: the DOM has a row per Run, one headline plot per declared
/// metric and every failure; the page requests nothing but itself, logs no error, runs no injected script, and
/// draws something (a screenshot that is not blank). The table's sort and filter work.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ReportBrowserTests : IClassFixture<ReportBrowser>, IDisposable
{
    private const string RowsScript = "document.querySelectorAll('#runs-table tbody tr').length";
    private const string VisibleRowsScript = "Array.from(document.querySelectorAll('#runs-table tbody tr')).filter(r => !r.hidden).length";
    private const string MetricPlotsScript = "Array.from(document.querySelectorAll('figure.plot[data-metric]')).map(f => f.dataset.metric)";
    private readonly ReportBrowser browser;
    private readonly TempRegistry temp = new();

    public ReportBrowserTests(ReportBrowser browser) => this.browser = browser;

    [ChromiumFact]
    public async Task KnapsackSample_TablePlotsAndInteraction()
    {
        ReportExperiments.Knapsack(temp.Registry, "example.com/ommx-integration/knapsack:browser");
        await using var page = await OpenAsync("example.com/ommx-integration/knapsack:browser");

        Assert.Equal(6, await page.Eval<int>(RowsScript));
        Assert.Equal(["objective"], await page.Eval<string[]>(MetricPlotsScript));
        Assert.True(await page.Eval<int>("document.querySelectorAll('figure.plot svg').length") >= 4);
        Assert.Equal(0, await page.Eval<int>("document.querySelectorAll('details.failure').length"));
        Assert.Equal("6 of 6 runs shown", await page.Eval<string>("document.getElementById('shown').textContent"));

        await page.Page.TypeAsync("#filter", "KnownInstance");
        await page.Page.WaitForFunctionAsync("() => document.getElementById('shown').textContent.startsWith('2 of')");
        Assert.Equal(2, await page.Eval<int>(VisibleRowsScript));

        await page.Page.EvaluateExpressionAsync("document.getElementById('filter').value = ''; document.getElementById('filter').dispatchEvent(new Event('input'))");
        await page.Page.WaitForFunctionAsync("() => document.getElementById('shown').textContent.startsWith('6 of')");
        var capacity = await page.Eval<int>("Array.from(document.querySelectorAll('#runs-table th')).findIndex(th => th.textContent === 'capacity')");
        await page.Page.ClickAsync($"#runs-table th:nth-child({capacity + 1})");
        await page.Page.ClickAsync($"#runs-table th:nth-child({capacity + 1})");
        Assert.Equal(["80", "56", "56", "47", "47", "20"], await page.Eval<string[]>($"Array.from(document.querySelectorAll('#runs-table tbody tr')).map(r => r.cells[{capacity}].textContent)"));
        await page.AssertCleanAndDrawnAsync();
    }

    [ChromiumFact]
    public async Task FailedCheckpoint_ListsFailuresAndRunsNoInjectedScript()
    {
        using (var experiment = ReportExperiments.FailedCheckpoint(temp.Registry, "example.com/report/failed:browser"))
        {
            await using var page = await OpenAsync(experiment);

            Assert.Equal(3, await page.Eval<int>(RowsScript));
            // objective is declared but no Run of this checkpoint logged it: no metric plot, the fixed plots only.
            Assert.Empty(await page.Eval<string[]>(MetricPlotsScript));
            Assert.Equal(2, await page.Eval<int>("document.querySelectorAll('details.failure').length"));
            Assert.Equal("failed: 1 test(s) failed: Suite.Solve_Hostile", await page.Eval<string>("document.querySelector('dd.status-failed').textContent"));
            var summary = await page.Eval<string>("document.getElementById('failure-1').querySelector('summary').textContent");
            Assert.Contains(ReportExperiments.Hostile, summary, StringComparison.Ordinal);
            await page.Page.ClickAsync("#failure-1 summary");
            Assert.Contains("line 42", await page.Eval<string>("document.getElementById('failure-1').textContent"), StringComparison.Ordinal);
            // The hostile strings stayed text: one script element (ours), no image, no alert (dialogs are recorded as errors).
            Assert.Equal(1, await page.Eval<int>("document.scripts.length"));
            Assert.Equal(0, await page.Eval<int>("document.images.length"));
            await page.AssertCleanAndDrawnAsync();
        }
    }

    [ChromiumFact]
    public async Task OmmxWrittenArchives_SolvesAndMetricPlotted()
    {
        ReportExperiments.FromRealArchives(temp.Registry, "example.com/report/real:browser");
        await using var page = await OpenAsync("example.com/report/real:browser");

        Assert.Equal(14, await page.Eval<int>(RowsScript));
        Assert.Equal(["stored_objective"], await page.Eval<string[]>(MetricPlotsScript));
        Assert.Contains("feasible: 14 points", await page.Eval<string>("Array.from(document.querySelectorAll('figcaption')).map(f => f.textContent).join('|')"), StringComparison.Ordinal);
        await page.AssertCleanAndDrawnAsync();
    }

    [ChromiumFact]
    public async Task TenThousandRuns_EveryRowAndBoundedPlots()
    {
        ReportExperiments.Large(temp.Registry, "example.com/report/large:browser", 10_000);
        await using var page = await OpenAsync("example.com/report/large:browser");

        Assert.Equal(10_000, await page.Eval<int>(RowsScript));
        Assert.Equal(["objective"], await page.Eval<string[]>(MetricPlotsScript));
        Assert.Equal(104, await page.Eval<int>("document.querySelectorAll('details.failure').length"));
        var largestPlot = await page.Eval<int>("Math.max(...Array.from(document.querySelectorAll('figure.plot svg')).map(s => s.querySelectorAll('*').length))");
        Assert.True(largestPlot < 1_500, $"{largestPlot} SVG nodes in one plot");
        await page.Page.TypeAsync("#filter", "seed: 7)");
        await page.Page.WaitForFunctionAsync("() => document.getElementById('shown').textContent.startsWith('100 of')", new WaitForFunctionOptions { Timeout = 60_000 });
        await page.AssertCleanAndDrawnAsync();
    }

    public void Dispose() => temp.Dispose();

    private async Task<ReportPage> OpenAsync(string image)
    {
        using var experiment = Experiment.Load(temp.Registry, image);
        return await OpenAsync(experiment);
    }

    private async Task<ReportPage> OpenAsync(Experiment experiment)
    {
        var path = temp.Scratch.Combine(Guid.NewGuid().ToString("N") + ".html");
        await File.WriteAllTextAsync(path, ReportHtml.Render(ExperimentReporter.Build(experiment)));
        return await browser.OpenAsync(path);
    }
}
