using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Todo.Local.XRay;

/// <summary>
/// The X-Ray API's two read calls over the local trace store, in the service's own request and answer
/// shapes, so <c>aws xray get-trace-summaries</c> and <c>aws xray batch-get-traces</c> work against
/// <c>--endpoint-url http://127.0.0.1:3000/_xray</c>: <c>POST /_xray/TraceSummaries</c> (GetTraceSummaries:
/// StartTime, EndTime and a FilterExpression of <c>annotation.key = value</c> terms joined by AND) and
/// <c>POST /_xray/Traces</c> (BatchGetTraces: each trace's segments, the subsegments sent on their own
/// nested into their parents, as X-Ray assembles them).
/// </summary>
public static partial class XRayApi
{
    public const string Prefix = "/_xray";

    public static async Task TraceSummariesAsync(HttpContext http, TraceStore store)
    {
        var body = await BodyAsync(http);
        var start = Seconds(body?["StartTime"]) ?? double.MinValue;
        var end = Seconds(body?["EndTime"]) ?? double.MaxValue;
        var filter = (string?)body?["FilterExpression"];
        List<(string Key, string Value)> terms;
        try
        {
            terms = Terms(filter);
        }
        catch (FormatException e)
        {
            await ErrorAsync(http, e.Message);
            return;
        }
        var summaries = new JsonArray();
        foreach (var trace in store.All())
        {
            var summary = Summary(trace);
            var at = (double)summary["StartTime"]!;
            if (at >= start && at <= end && terms.All(t => HasAnnotation(summary, t.Key, t.Value)))
                summaries.Add(summary);
        }
        await WriteAsync(http, new JsonObject
        {
            ["TraceSummaries"] = summaries,
            ["ApproximateTime"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
            ["TracesProcessedCount"] = summaries.Count,
        });
    }

    public static async Task TracesAsync(HttpContext http, TraceStore store)
    {
        var body = await BodyAsync(http);
        if (body?["TraceIds"] is not JsonArray ids || ids.Any(id => id?.GetValueKind() != JsonValueKind.String))
        {
            await ErrorAsync(http, "TraceIds must be a list of trace ids.");
            return;
        }
        var wanted = ids.Select(id => (string)id!).ToList();
        var found = store.Get(wanted);
        var traces = new JsonArray();
        foreach (var trace in found)
        {
            var (startTime, endTime) = Span(trace.Documents);
            traces.Add(new JsonObject
            {
                ["Id"] = trace.Id,
                ["Duration"] = Math.Round(endTime - startTime, 3),
                ["LimitExceeded"] = false,
                ["Segments"] = new JsonArray([.. Assemble(trace.Documents).Select(segment => (JsonNode)new JsonObject
                {
                    ["Id"] = (string?)segment["id"],
                    ["Document"] = segment.ToJsonString(),
                })]),
            });
        }
        await WriteAsync(http, new JsonObject
        {
            ["Traces"] = traces,
            ["UnprocessedTraceIds"] = new JsonArray([.. wanted.Except(found.Select(t => t.Id)).Select(id => (JsonNode)id)]),
        });
    }

    /// <summary>The segments of a trace with every subsegment sent alone placed under its parent; one whose parent is unknown stays on its own.</summary>
    public static List<JsonObject> Assemble(IReadOnlyList<JsonObject> documents)
    {
        var byId = new Dictionary<string, JsonObject>();
        void Index(JsonObject node)
        {
            if ((string?)node["id"] is { } id)
                byId.TryAdd(id, node);
            foreach (var child in (node["subsegments"] as JsonArray ?? []).OfType<JsonObject>())
                Index(child);
        }
        foreach (var document in documents)
            Index(document);
        var roots = new List<JsonObject>();
        foreach (var document in documents.OrderBy(d => (double?)d["start_time"] ?? 0))
        {
            var parent = (string?)document["type"] == "subsegment" && (string?)document["parent_id"] is { } parentId
                ? byId.GetValueOrDefault(parentId)
                : null;
            if (parent is null || ReferenceEquals(parent, document))
                roots.Add(document);
            else
            {
                if (parent["subsegments"] is not JsonArray children)
                    parent["subsegments"] = children = [];
                children.Add(document);
            }
        }
        return roots;
    }

    private static JsonObject Summary(TraceView trace)
    {
        var nodes = trace.Documents.SelectMany(Flatten).ToList();
        var root = trace.Documents.FirstOrDefault(d => (string?)d["origin"] == "AWS::ApiGateway::Stage")
            ?? trace.Documents.Where(d => d["parent_id"] is null).OrderBy(d => (double?)d["start_time"]).FirstOrDefault()
            ?? trace.Documents[0];
        var (start, end) = Span(trace.Documents);
        var summary = new JsonObject
        {
            ["Id"] = trace.Id,
            ["StartTime"] = start,
            ["Duration"] = Math.Round(end - start, 3),
            ["ResponseTime"] = Math.Round(((double?)root["end_time"] ?? end) - ((double?)root["start_time"] ?? start), 3),
            ["HasFault"] = nodes.Any(n => (bool?)n["fault"] == true),
            ["HasError"] = nodes.Any(n => (bool?)n["error"] == true),
            ["HasThrottle"] = nodes.Any(n => (bool?)n["throttle"] == true),
            ["IsPartial"] = false,
            ["EntryPoint"] = new JsonObject { ["Name"] = (string?)root["name"], ["Type"] = (string?)root["origin"] },
        };
        if (root["http"] is JsonObject http)
        {
            summary["Http"] = new JsonObject
            {
                ["HttpURL"] = (string?)http["request"]?["url"],
                ["HttpStatus"] = (int?)http["response"]?["status"],
                ["HttpMethod"] = (string?)http["request"]?["method"],
                ["UserAgent"] = (string?)http["request"]?["user_agent"],
                ["ClientIp"] = (string?)http["request"]?["client_ip"],
            };
        }
        var annotations = new JsonObject();
        foreach (var node in nodes)
        {
            foreach (var (key, value) in node["annotations"] as JsonObject ?? [])
            {
                if (value is null)
                    continue;
                if (annotations[key] is not JsonArray values)
                    annotations[key] = values = [];
                var annotation = new JsonObject
                {
                    [value.GetValueKind() switch { JsonValueKind.Number => "NumberValue", JsonValueKind.True or JsonValueKind.False => "BooleanValue", _ => "StringValue" }] = value.DeepClone(),
                };
                if (!values.Any(v => JsonNode.DeepEquals(v!["AnnotationValue"], annotation)))
                    values.Add(new JsonObject { ["AnnotationValue"] = annotation });
            }
        }
        summary["Annotations"] = annotations;
        return summary;
    }

    private static IEnumerable<JsonObject> Flatten(JsonObject node) =>
        new[] { node }.Concat((node["subsegments"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(Flatten));

    private static (double Start, double End) Span(IReadOnlyList<JsonObject> documents)
    {
        var nodes = documents.SelectMany(Flatten).ToList();
        var start = nodes.Select(n => (double?)n["start_time"]).Where(t => t is not null).DefaultIfEmpty(0).Min()!.Value;
        var end = nodes.Select(n => (double?)n["end_time"]).Where(t => t is not null).DefaultIfEmpty(start).Max()!.Value;
        return (start, end);
    }

    private static bool HasAnnotation(JsonObject summary, string key, string value) =>
        summary["Annotations"]?[key] is JsonArray values
        && values.Any(v => v?["AnnotationValue"] is JsonObject a && a.Select(p => p.Value).Any(x => Text(x) == value));

    private static string? Text(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String => (string?)value,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => ((double)value!).ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The filter's <c>annotation.key = value</c> terms; anything else is refused, not ignored.</summary>
    private static List<(string Key, string Value)> Terms(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
            return [];
        var terms = new List<(string, string)>();
        foreach (var term in AndPattern().Split(filter.Trim()))
        {
            var match = TermPattern().Match(term);
            if (!match.Success)
                throw new FormatException($"The local X-Ray API takes only annotation.key = value terms joined by AND, not '{term}'.");
            var value = match.Groups["value"].Value;
            terms.Add((match.Groups["key"].Value, value.StartsWith('"') ? value[1..^1] : double.TryParse(value, CultureInfo.InvariantCulture, out var n) ? n.ToString(CultureInfo.InvariantCulture) : value));
        }
        return terms;
    }

    [GeneratedRegex(@"\s+AND\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndPattern();

    [GeneratedRegex(@"^\s*annotation\.(?<key>[A-Za-z0-9_]+)\s*=\s*(?<value>""[^""]*""|true|false|-?[0-9.]+)\s*$")]
    private static partial Regex TermPattern();

    private static double? Seconds(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Number => (double)value!,
        JsonValueKind.String when DateTimeOffset.TryParse((string?)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) => time.ToUnixTimeMilliseconds() / 1000.0,
        _ => null,
    };

    private static async Task<JsonObject?> BodyAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task ErrorAsync(HttpContext http, string message)
    {
        http.Response.StatusCode = 400;
        http.Response.Headers["x-amzn-ErrorType"] = "InvalidRequestException";
        return WriteAsync(http, new JsonObject { ["__type"] = "InvalidRequestException", ["Message"] = message }, 400);
    }

    private static async Task WriteAsync(HttpContext http, JsonObject body, int status = 200)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
    }
}
