using System.Text.Json;
using System.Text.Json.Nodes;
using Todo.Tests.Support;

namespace Todo.Tests.Observability;

/// <summary>The local app with its functions' log files in a folder of its own, and its X-Ray API at hand.</summary>
public sealed class ObservedAppFixture : LocalAppFixture
{
    private readonly string logs = Path.Combine(Path.GetTempPath(), "todo-logs-" + Guid.NewGuid().ToString("N"));

    protected override string? LogsFolder => logs;

    /// <summary>A function's log lines so far, each parsed; a line that is not one JSON object fails the test.</summary>
    public List<JsonElement> LogLines(string logicalId)
    {
        var path = Path.Combine(logs, logicalId + ".log");
        if (!File.Exists(path))
            return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
    }

    /// <summary>BatchGetTraces through the local X-Ray API.</summary>
    public async Task<JsonObject> TracesAsync(params string[] ids)
    {
        using var response = await Http.PostAsync("/_xray/Traces", JsonContent(new JsonObject { ["TraceIds"] = new JsonArray([.. ids.Select(id => (JsonNode)id)]) }));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>GetTraceSummaries through the local X-Ray API.</summary>
    public async Task<JsonArray> TraceSummariesAsync(string? filter = null)
    {
        var body = new JsonObject { ["StartTime"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds(), ["EndTime"] = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds() };
        if (filter is not null)
            body["FilterExpression"] = filter;
        using var response = await Http.PostAsync("/_xray/TraceSummaries", JsonContent(body));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["TraceSummaries"]!.AsArray();
    }

    /// <summary>Every segment and subsegment of a BatchGetTraces answer's one trace, flattened.</summary>
    public static List<JsonObject> Documents(JsonObject traces) =>
        [.. traces["Traces"]!.AsArray().Single()!["Segments"]!.AsArray()
            .Select(s => JsonNode.Parse((string)s!["Document"]!)!.AsObject())
            .SelectMany(Flatten)];

    private static IEnumerable<JsonObject> Flatten(JsonObject node) =>
        new[] { node }.Concat((node["subsegments"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(Flatten));

    private static StringContent JsonContent(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(logs))
            Directory.Delete(logs, recursive: true);
    }
}
