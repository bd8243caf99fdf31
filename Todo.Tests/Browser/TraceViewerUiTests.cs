using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Todo.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Todo.Tests.Browser;

/// <summary>
/// The trace viewer at /traces: a todo just created, found from its history, shown as one waterfall through
/// the projection. Only where config.json names the X-Ray API (the local host) does the app link to it, and
/// its code is a chunk of its own that the first page never loads.
/// </summary>
[Slow]
public sealed partial class TraceViewerUiTests(LocalAppFixture app, ChromiumFixture chromium)
    : PageTests(app, chromium), IClassFixture<LocalAppFixture>, IClassFixture<ChromiumFixture>
{
    /// <summary>The name of the X-Ray call the viewer makes: in its code, a string the minifier keeps.</summary>
    private const string ViewerCode = "TraceSummaries";

    [Fact]
    public async Task The_viewer_shows_the_trace_of_a_todo_just_created_from_the_stage_to_the_projection()
    {
        await Ui.OpenAsync();
        var id = await Ui.AddAsync("Trace this");

        await Ui.Item(id).GetByTestId("todo-history").ClickAsync();
        await Ui.Page.GetByTestId("history-trace").ClickAsync();

        var waterfall = Ui.Page.GetByTestId("waterfall");
        await Expect(waterfall).ToBeVisibleAsync();
        var rows = waterfall.GetByTestId("waterfall-row");
        await Expect(rows.Filter(new() { HasText = "## create-todo" })).ToHaveCountAsync(1);
        await Expect(waterfall.Locator("[data-kind='AWS::ApiGateway::Stage']")).ToHaveCountAsync(1);
        await Expect(waterfall.Locator("[data-kind='AWS::Lambda::Function']")).ToHaveCountAsync(1);
        // The app sends an Idempotency-Key, so the event and its record are one TransactWriteItems.
        await Expect(rows.Filter(new() { HasText = "aws.operation=TransactWriteItems" })).ToHaveCountAsync(1);
        // Recorded after the response: the viewer reads the trace again until it is there.
        var projection = waterfall.Locator("[data-name='Project TodoCreated']");
        await Expect(projection).ToHaveCountAsync(1);
        await Expect(projection).ToContainTextAsync("after the response");
        await Expect(projection).ToContainTextAsync($"todo_id={id}");
        await Expect(Ui.Page.GetByTestId("trace-list")).ToBeVisibleAsync();
        Assert.StartsWith("1-", await waterfall.GetAttributeAsync("data-trace-id"));
        await Ui.ScreenshotAsync("trace-viewer");
        await Ui.AssertAccessibleAsync("trace viewer");
    }

    [Fact]
    public async Task Where_config_json_names_no_XRay_API_the_history_has_no_trace_link_and_traces_loads_no_viewer()
    {
        // As deploy.sh writes it for the open API: no xrayApi.
        await Context.RouteAsync("**/config.json", route => route.FulfillAsync(new() { ContentType = "application/json", Body = "{\"auth\":null}" }));
        var asked = new List<string>();
        Ui.Page.Request += (_, request) => asked.Add(request.Url);
        await Ui.OpenAsync();
        var id = await Ui.AddAsync("No trace here");

        await Ui.Item(id).GetByTestId("todo-history").ClickAsync();
        await Expect(Ui.Page.GetByTestId("history-event")).ToHaveCountAsync(1);
        await Expect(Ui.Page.GetByTestId("history-trace")).ToHaveCountAsync(0);
        await Ui.Page.GotoAsync("/traces");

        await Expect(Ui.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("no traces to show here");
        await Expect(Ui.Page.GetByTestId("trace-list")).ToHaveCountAsync(0);
        Assert.DoesNotContain(asked, url => url.Contains("/_xray", StringComparison.Ordinal));
        Assert.Contains(asked, url => url.EndsWith("/config.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_page_holds_none_of_the_viewers_code_which_is_a_chunk_of_its_own()
    {
        var index = await App.Http.GetStringAsync("/");
        var firstPage = new Dictionary<string, string>();
        var pending = new Queue<string>(ScriptOrPreload().Matches(index).Select(m => m.Groups["path"].Value));
        Assert.NotEmpty(pending);
        // The entry, what index.html preloads, and whatever those import statically: all a first page runs.
        while (pending.TryDequeue(out var path))
        {
            if (firstPage.ContainsKey(path))
                continue;
            firstPage[path] = await App.Http.GetStringAsync(path);
            foreach (Match import in StaticImport().Matches(firstPage[path]))
                pending.Enqueue(new Uri(new Uri(App.App.BaseUrl, path), import.Groups["file"].Value).AbsolutePath);
        }
        var viewerChunks = firstPage.Values.SelectMany(code => DynamicImport().Matches(code).Select(m => m.Groups["file"].Value))
            .Where(file => file.Contains("TracesPage", StringComparison.Ordinal)).Distinct().ToList();

        Assert.All(firstPage, script => Assert.DoesNotContain(ViewerCode, script.Value, StringComparison.Ordinal));
        var viewer = await App.Http.GetStringAsync($"/assets/{Path.GetFileName(Assert.Single(viewerChunks))}");
        Assert.Contains(ViewerCode, viewer, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetFileName(viewerChunks[0]), index, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<(?:script[^>]*\ssrc|link[^>]*rel=""modulepreload""[^>]*\shref)=""(?<path>/[^""]+\.js)""")]
    private static partial Regex ScriptOrPreload();

    [GeneratedRegex(@"(?:\bfrom|\bimport)\s*[""'`](?<file>\.{1,2}/[^""'`]+\.js)[""'`]")]
    private static partial Regex StaticImport();

    [GeneratedRegex(@"\bimport\(\s*[""'`](?<file>\.{1,2}/[^""'`]+\.js)[""'`]\s*\)")]
    private static partial Regex DynamicImport();
}
