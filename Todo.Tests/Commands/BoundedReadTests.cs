using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Todo.Store.Events;
using Todo.Harness.Seeding;
using Todo.Domain;
using Todo.Lambda.APIGatewayEvents;
using Todo.Tests.Support;

namespace Todo.Tests.Commands;

/// <summary>
/// What a command reads does not grow with the todo's history: a cold instance reads the newest item
/// (which holds the state after it), a warm one reads nothing; a stream written before items held
/// snapshots is folded whole once, and its next event makes it bounded again.
/// </summary>
[Slow]
public sealed class BoundedReadTests : IClassFixture<LocalAppFixture>, IDisposable
{
    private readonly LocalAppFixture fixture;
    private readonly Amazon.DynamoDBv2.AmazonDynamoDBClient client;
    private readonly List<AmazonWebServiceRequest> sent = [];

    public BoundedReadTests(LocalAppFixture fixture)
    {
        this.fixture = fixture;
        client = DirectInvocation.Client(fixture);
        client.BeforeRequestEvent += (_, e) =>
        {
            lock (sent)
                sent.Add(((WebServiceRequestEventArgs)e).Request);
        };
    }

    public void Dispose() => client.Dispose();

    private HistorySeeder Seeder => new(fixture.App.DynamoDb, fixture.EventsTable);

    /// <summary>Runs a request on an instance and answers it with the names of the DynamoDB requests it sent.</summary>
    private async Task<(APIGatewayProxyResponse Response, List<string> Requests)> CountAsync(APIGatewayProxyFunction instance, string method, Guid id, object? body = null, Dictionary<string, string>? headers = null)
    {
        sent.Clear();
        var response = await DirectInvocation.InvokeAsync(instance, DirectInvocation.Request(method, $"/api/todos/{id}", body, headers, id.ToString()));
        return (response, sent.Select(r => r.GetType().Name.Replace("Request", "")).ToList());
    }

    private APIGatewayProxyFunction NewInstance(string handler = "update-todo") => DirectInvocation.Function(fixture, handler, client);

    private static long Version(APIGatewayProxyResponse response) => long.Parse(response.Headers!["ETag"]!.Trim('"'));

    private static JsonElement Body(APIGatewayProxyResponse response) => JsonDocument.Parse(response.Body!).RootElement;

    [Fact]
    public async Task A_cold_update_costs_a_query_of_one_item_and_a_write_and_a_warm_one_only_the_write()
    {
        var id = await Seeder.SeedAsync(1);
        var instance = NewInstance();

        var cold = await CountAsync(instance, "PUT", id, new { completed = true });
        var query = Assert.IsType<QueryRequest>(sent[0]);
        var warm = await CountAsync(instance, "PUT", id, new { completed = false });
        var warmTwoFields = await CountAsync(instance, "PUT", id, new { text = "Two fields", completed = true });
        var warmWithKey = await CountAsync(instance, "PUT", id, new { completed = false }, new() { ["Idempotency-Key"] = Guid.NewGuid().ToString() });
        var coldDelete = await CountAsync(NewInstance("delete-todo"), "DELETE", id);

        Assert.Equal(["Query", "PutItem"], cold.Requests);
        Assert.Equal((false, 1, true), (query.ScanIndexForward, query.Limit, query.ConsistentRead));
        Assert.Equal(["PutItem"], warm.Requests);
        Assert.Equal(["TransactWriteItems"], warmTwoFields.Requests);
        Assert.Equal(["TransactWriteItems"], warmWithKey.Requests);
        Assert.Equal(["Query", "PutItem"], coldDelete.Requests);
        Assert.Equal([2L, 3, 5, 6, 7], new[] { cold, warm, warmTwoFields, warmWithKey, coldDelete }.Select(c => Version(c.Response)));
    }

    [Fact]
    public async Task A_cold_update_reads_one_item_whatever_the_history()
    {
        const int history = 1_500;
        var id = await Seeder.SeedAsync(history);

        var (response, requests) = await CountAsync(NewInstance(), "PUT", id, new { completed = true });

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["Query", "PutItem"], requests);
        Assert.Equal(history + 1, Version(response));
        Assert.Equal(HistorySeeder.TextAt(history), Body(response).GetProperty("text").GetString());
        Assert.True(Body(response).GetProperty("completed").GetBoolean());
    }

    [Fact]
    public async Task A_stream_written_before_snapshots_is_folded_once_and_is_bounded_after_its_next_event()
    {
        // Long texts make the old stream more than one Query page (1 MB), which the fold must page through.
        const int history = 1_200;
        var padding = " " + new string('x', 900);
        var id = await Seeder.SeedAsync(history, withSnapshots: false, padding);

        var first = await CountAsync(NewInstance(), "PUT", id, new { completed = true });
        var fullReadPages = first.Requests.Count - 2;
        var second = await CountAsync(NewInstance(), "PUT", id, new { completed = false });
        var unchanged = await CountAsync(NewInstance(), "PUT", id, new { text = HistorySeeder.TextAt(history) + padding });
        var deleted = await CountAsync(NewInstance("delete-todo"), "DELETE", id);

        Assert.Equal(200, first.Response.StatusCode);
        Assert.Equal(history + 1, Version(first.Response));
        Assert.Equal(HistorySeeder.TextAt(history) + padding, Body(first.Response).GetProperty("text").GetString());
        Assert.Equal(["Query", .. Enumerable.Repeat("Query", fullReadPages), "PutItem"], first.Requests);
        Assert.True(fullReadPages >= 2, $"the old stream was read in {fullReadPages} page(s)");
        var written = await client.QueryAsync(new QueryRequest
        {
            TableName = fixture.EventsTable,
            ConsistentRead = true,
            KeyConditionExpression = "todoId = :id AND version = :v",
            ExpressionAttributeValues = new() { [":id"] = new AttributeValue { S = id.ToString() }, [":v"] = new AttributeValue { N = $"{history + 1}" } },
        });
        Assert.Equal(
            new Snapshot(new TodoState.Live(HistorySeeder.TextAt(history) + padding, true, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), history + 1),
            EventCodec.SnapshotOf(Assert.Single(written.Items)));
        Assert.Equal((200, history + 2L), (second.Response.StatusCode, Version(second.Response)));
        Assert.Equal(["Query", "PutItem"], second.Requests);
        Assert.Equal((200, history + 2L), (unchanged.Response.StatusCode, Version(unchanged.Response)));
        Assert.Equal(["Query"], unchanged.Requests);
        Assert.Equal((200, history + 3L), (deleted.Response.StatusCode, Version(deleted.Response)));
        Assert.Equal(["Query", "PutItem"], deleted.Requests);
    }

    [Fact]
    public async Task An_old_stream_and_a_deleted_one_are_decided_on_their_fold()
    {
        var id = await Seeder.SeedAsync(3, withSnapshots: false);

        var delete = await CountAsync(NewInstance("delete-todo"), "DELETE", id);
        var again = await CountAsync(NewInstance("delete-todo"), "DELETE", id);
        var update = await CountAsync(NewInstance(), "PUT", id, new { completed = true });

        Assert.Equal((200, 4L), (delete.Response.StatusCode, Version(delete.Response)));
        Assert.Equal(["Query", "Query", "PutItem"], delete.Requests);
        Assert.Equal((404, 404), (again.Response.StatusCode, update.Response.StatusCode));
        Assert.Equal(["Query"], again.Requests);
        Assert.Equal(["Query"], update.Requests);
    }
}
