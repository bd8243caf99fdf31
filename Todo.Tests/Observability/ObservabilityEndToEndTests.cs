using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Todo.Lambda.Observability.Tracing;
using Todo.Tests.Support;

namespace Todo.Tests.Observability;

/// <summary>
/// Through the local host as through AWS: one trace from the API Gateway stage through the command, its
/// DynamoDB write and the projection that follows it; the X-Ray API's shapes; the functions' log
/// files with the Powertools keys, the outcome lines and the EMF metrics.
/// </summary>
[Slow]
public sealed class ObservabilityEndToEndTests(ObservedAppFixture fixture) : IClassFixture<ObservedAppFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    private static string TraceOf(ApiResponse response) =>
        TraceHeader.Parse(response.Header(TraceHeader.HttpHeader))?.Root ?? throw new Xunit.Sdk.XunitException("No trace id in the answer.");

    private async Task<List<JsonObject>> EventuallyAsync(string traceId, Func<List<JsonObject>, bool> complete)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var traces = await fixture.TracesAsync(traceId);
            var documents = traces["Traces"]!.AsArray().Count == 1 ? ObservedAppFixture.Documents(traces) : [];
            if (complete(documents))
                return documents;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The trace {traceId} never held everything: {string.Join(", ", documents.Select(d => (string?)d["name"]))}");
            await Task.Delay(50);
        }
    }

    private static bool Has(List<JsonObject> documents, string name) => documents.Any(d => (string?)d["name"] == name);

    [Fact]
    public async Task A_create_is_one_trace_from_the_stage_through_the_command_and_its_write_to_the_projection()
    {
        var created = await api.CreateAsync("Trace me");
        var traceId = TraceOf(created);
        var todoId = created.Body.GetProperty("id").GetString()!;

        var documents = await EventuallyAsync(traceId, d => Has(d, "## create-todo") && Has(d, "Project TodoCreated"));

        Assert.All(documents.Where(d => d["trace_id"] is not null), d => Assert.Equal(traceId, (string?)d["trace_id"]));
        var stage = Assert.Single(documents, d => (string?)d["origin"] == "AWS::ApiGateway::Stage");
        Assert.Equal(201, (int?)stage["http"]!["response"]!["status"]);
        var service = Assert.Single(documents, d => (string?)d["origin"] == "AWS::Lambda");
        var function = Assert.Single(documents, d => (string?)d["origin"] == "AWS::Lambda::Function");
        Assert.Equal("CreateTodoFunction", (string?)function["name"]);
        Assert.Equal((string?)service["id"], (string?)function["parent_id"]);
        var handler = Assert.Single(documents, d => (string?)d["name"] == "## create-todo");
        Assert.Equal((string?)function["id"], (string?)handler["parent_id"]);
        Assert.Equal(todoId, (string?)handler["annotations"]!["todo_id"]);
        Assert.Equal("CreateTodo", (string?)handler["annotations"]!["command"]);
        Assert.Equal("created", (string?)handler["annotations"]!["outcome"]);
        var write = Assert.Single(documents, d => (string?)d["name"] == DynamoDbTracing.SpanName && (string?)d["aws"]!["operation"] == "PutItem");
        Assert.Equal(fixture.EventsTable, (string?)write["aws"]!["table_name"]);
        Assert.Equal((string?)handler["id"], (string?)write["parent_id"]);
        var projection = Assert.Single(documents, d => (string?)d["name"] == "Project TodoCreated");
        Assert.Equal(traceId, (string?)projection["annotations"]!["source_trace_id"]);
        Assert.Equal((string?)handler["id"], (string?)projection["parent_id"]);
        // The stream can hand the record over before the handler has finished its answer, so the projection
        // is bound to follow the write, not the handler's end.
        Assert.True((double)projection["start_time"]! >= (double)write["start_time"]!);
        Assert.True((double)projection["annotations"]!["lag_ms"]! >= 0);

        // The projector's own invocation is a trace of its own, found by the command's trace id.
        var own = Assert.Single(await fixture.TraceSummariesAsync($"annotation.source_trace_id = \"{traceId}\" AND annotation.todo_id = \"{todoId}\""),
            s => (string?)s!["Id"] != traceId);
        var projector = await EventuallyAsync((string)own!["Id"]!, d => Has(d, "## project-todos"));
        Assert.Contains(projector, d => (string?)d["origin"] == "AWS::Lambda::Function" && (string?)d["name"] == "ProjectTodosFunction");
        Assert.Contains(projector, d => (string?)d["aws"]?["operation"] == "UpdateItem" && (string?)d["aws"]!["table_name"] == fixture.TodosTable);
    }

    [Fact]
    public async Task Every_API_answer_names_its_trace_and_a_clients_trace_is_continued()
    {
        var clientTrace = TraceHeader.NewRoot(DateTimeOffset.UtcNow);
        var answers = new[]
        {
            await api.SendAsync(HttpMethod.Get, "/api/todos"),
            await api.SendAsync(HttpMethod.Get, "/api/nothing-here"),
            await api.SendAsync(HttpMethod.Options, "/api/todos"),
            await api.SendWithHeaderAsync(HttpMethod.Get, "/api/todos", null, TraceHeader.HttpHeader, $"Root={clientTrace};Sampled=1;Lineage=1:aa:0"),
        };

        Assert.Equal(HttpStatusCode.Forbidden, answers[1].Status);
        Assert.Equal(4, answers.Select(TraceOf).Distinct().Count());
        Assert.Equal(clientTrace, TraceOf(answers[3]));
        var summaries = await fixture.TraceSummariesAsync();
        var refused = summaries.Single(s => (string?)s!["Id"] == TraceOf(answers[1]))!;
        Assert.Equal(403, (int?)refused["Http"]!["HttpStatus"]);
        Assert.True((bool)refused["HasError"]!);
        Assert.Equal("GET", (string?)refused["Http"]!["HttpMethod"]);
    }

    [Fact]
    public async Task Log_lines_are_JSON_with_Powertools_keys_and_cold_start_once_per_function()
    {
        var created = await api.CreateAsync("Log me");
        await api.CreateAsync("Log me too");
        var lines = fixture.LogLines("CreateTodoFunction").Where(l => !l.TryGetProperty("_aws", out _)).ToList();

        var line = lines.First(l => l.GetProperty("todo_id").GetString() == created.Body.GetProperty("id").GetString());
        foreach (var key in new[] { "timestamp", "level", "message", "service", "cold_start", "function_name", "function_memory_size", "function_arn",
                     "function_request_id", "xray_trace_id", "correlation_id", "todo_id", "command", "version", "outcome", "event_type" })
            Assert.True(line.TryGetProperty(key, out _), $"The line has no {key}: {line}");
        Assert.Equal("todo", line.GetProperty("service").GetString());
        Assert.Equal("created", line.GetProperty("outcome").GetString());
        Assert.Equal("TodoCreated", line.GetProperty("event_type").GetString());
        Assert.Equal(TraceOf(created), line.GetProperty("xray_trace_id").GetString());
        Assert.Equal(512, line.GetProperty("function_memory_size").GetInt32());
        Assert.Single(lines, l => l.GetProperty("cold_start").GetBoolean());
        Assert.Single(fixture.LogLines("CreateTodoFunction"), l => l.TryGetProperty("_aws", out _) && Emf.Assert(l).ContainsKey("ColdStart"));
    }

    [Fact]
    public async Task The_hosts_warm_up_at_start_leaves_no_log_line_and_no_trace_of_its_own()
    {
        var listed = await api.SendAsync(HttpMethod.Get, "/api/todos");

        // The warm-up ran every GET route before the host took requests: had it logged, this would be a second cold start.
        Assert.Single(fixture.LogLines("ListTodosFunction"), l => l.TryGetProperty("_aws", out _) && Emf.Assert(l).ContainsKey("ColdStart"));
        Assert.DoesNotContain(await fixture.TraceSummariesAsync(), s => ((string?)s!["Http"]?["HttpURL"])?.EndsWith("?limit=1") == true);
        Assert.Equal(HttpStatusCode.OK, listed.Status);
    }

    [Fact]
    public async Task A_replayed_request_and_a_rejected_one_each_log_their_outcome()
    {
        var key = Guid.NewGuid().ToString();
        var first = await api.SendWithHeaderAsync(HttpMethod.Post, "/api/todos", "{\"text\":\"Once\"}", "Idempotency-Key", key);
        var again = await api.SendWithHeaderAsync(HttpMethod.Post, "/api/todos", "{\"text\":\"Once\"}", "Idempotency-Key", key);
        var bad = await api.SendAsync(HttpMethod.Post, "/api/todos", "{\"text\":\"\",\"done\":1}");

        var lines = fixture.LogLines("CreateTodoFunction");
        Assert.Equal("created", Line(lines, first).GetProperty("outcome").GetString());
        Assert.Equal("replayed", Line(lines, again).GetProperty("outcome").GetString());
        var rejected = Line(lines, bad);
        Assert.Equal("rejected", rejected.GetProperty("outcome").GetString());
        Assert.Equal(["text", "done"], rejected.GetProperty("fields").EnumerateArray().Select(f => f.GetString()).Order().Reverse());
        Assert.Equal(400, rejected.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Concurrent_updates_log_their_conflict_retries_and_the_lost_write_is_a_subsegment_error()
    {
        var id = (await api.CreateAsync("Contended")).Body.GetProperty("id").GetString()!;

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => api.UpdateAsync(id, new { text = $"Writer {i}" })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var retried = fixture.LogLines("UpdateTodoFunction").Where(l => l.TryGetProperty("conflict_retries", out _)).ToList();
        Assert.NotEmpty(retried);
        Assert.All(retried, l => Assert.Contains("conflict retries", l.GetProperty("message").GetString()));
        var traced = retried[0].GetProperty("xray_trace_id").GetString()!;
        var documents = await EventuallyAsync(traced, d => Has(d, "## update-todo"));
        Assert.Contains(documents, d => (string?)d["name"] == DynamoDbTracing.SpanName && (bool?)d["error"] == true
            && (int?)d["http"]!["response"]!["status"] == 400 && d["cause"] is not null);
        var metrics = fixture.LogLines("UpdateTodoFunction").Where(l => l.TryGetProperty("_aws", out _)).Select(Emf.Assert).ToList();
        Assert.Contains(metrics, m => m.ContainsKey("ConflictRetries"));
    }

    [Fact]
    public async Task The_projector_writes_its_lag_as_a_high_resolution_EMF_metric()
    {
        var id = (await api.CreateAsync("Lagging")).Body.GetProperty("id").GetString()!;
        await api.ProjectedAsync(id);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<JsonElement> documents;
        while ((documents = fixture.LogLines("ProjectTodosFunction").Where(l => l.TryGetProperty("_aws", out _)).ToList())
            .All(d => !d.TryGetProperty("ProjectionLag", out _)) && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        var lag = documents.First(d => d.TryGetProperty("ProjectionLag", out _));
        Assert.True(Emf.Assert(lag)["ProjectionLag"].All(v => v >= 0));
        Assert.Equal(1, lag.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray()
            .Single(m => m.GetProperty("Name").GetString() == "ProjectionLag").GetProperty("StorageResolution").GetInt32());
    }

    private static JsonElement Line(List<JsonElement> lines, ApiResponse response) =>
        lines.Single(l => !l.TryGetProperty("_aws", out _) && l.TryGetProperty("outcome", out _) && l.GetProperty("xray_trace_id").GetString() == TraceOf(response));
}
