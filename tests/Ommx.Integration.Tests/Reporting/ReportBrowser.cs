using System.Collections.Concurrent;
using Ommx.Integration.Tests.TestSupport;
using PuppeteerSharp;

namespace Ommx.Integration.Tests.Reporting;

/// <summary>
/// One headless Debian chromium for the report page tests (launched with the system binary; nothing is downloaded).
/// <see cref="OpenAsync"/> opens a report file with request interception on: the file itself loads, every other
/// request is aborted and recorded; console errors, page errors and dialogs are recorded too.
/// </summary>
public sealed class ReportBrowser : IAsyncLifetime
{
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        if (SystemChromium.Path is not { } path)
        {
            return;
        }

        browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = path,
            // Root in CI and containers: chromium's sandbox needs user namespaces it may not have.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<ReportPage> OpenAsync(string htmlPath)
    {
        Assert.True(browser is not null, SystemChromium.Missing);
        var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        var opened = new ReportPage(page, new Uri(htmlPath).AbsoluteUri);
        await page.SetRequestInterceptionAsync(true);
        page.Request += async (_, e) =>
        {
            if (e.Request.Url == opened.Url)
            {
                await e.Request.ContinueAsync();
            }
            else
            {
                opened.Requests.Add(e.Request.Url);
                await e.Request.AbortAsync();
            }
        };
        page.Console += (_, e) =>
        {
            if (e.Message.Type is ConsoleType.Error or ConsoleType.Warning)
            {
                opened.Errors.Add($"console {e.Message.Type}: {e.Message.Text}");
            }
        };
        page.PageError += (_, e) => opened.Errors.Add("page error: " + e.Message);
        page.Dialog += async (_, e) =>
        {
            opened.Errors.Add("dialog: " + e.Dialog.Message);
            await e.Dialog.Dismiss();
        };
        await page.GoToAsync(opened.Url, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 120_000 });
        return opened;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
            await browser.DisposeAsync();
        }
    }
}

/// <summary>An open report page and what it did: requests other than the file, console errors.</summary>
public sealed class ReportPage(IPage page, string url) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public string Url { get; } = url;

    public ConcurrentBag<string> Requests { get; } = [];

    public ConcurrentBag<string> Errors { get; } = [];

    public Task<T> Eval<T>(string script) => Page.EvaluateExpressionAsync<T>(script);

    /// <summary>Nothing but the file was requested and nothing complained; then a screenshot that is not blank.</summary>
    public async Task AssertCleanAndDrawnAsync()
    {
        Assert.True(Requests.IsEmpty, "requests other than the report file: " + string.Join(", ", Requests));
        Assert.True(Errors.IsEmpty, string.Join("\n", Errors));
        var png = PngPixels.Decode(await Page.ScreenshotDataAsync(new ScreenshotOptions { Type = ScreenshotType.Png }));
        Assert.Equal((1280, 900), (png.Width, png.Height));
        Assert.True(png.LuminanceSpread() > 10, $"screenshot looks blank: luminance spread {png.LuminanceSpread():F1}");
        Assert.True(png.DistinctColours() > 16, $"screenshot looks blank: {png.DistinctColours()} colours");
    }

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
