using Todo.Lambda.Core;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Todo.Store.Parked;
using Todo.Lambda;
using Todo.Lambda.DynamoDBEvents;
using Todo.Local;
using Todo.Tests.Support;

namespace Todo.Tests.Projections;

/// <summary>The projector against DynamoDB Local with real stream records: idempotent, in order, and honest about what it could not apply.</summary>
[Slow]
public sealed class ProjectorTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    [Fact]
    public async Task A_redelivered_batch_changes_nothing()
    {
        var id = (await api.CreateAsync("Once")).Text("id");
        await api.UpdateAsync(id, new { completed = true });
        var projected = await api.ProjectedAsync(id, t => t.GetProperty("completed").GetBoolean());
        var before = await ReadItemAsync(id);

        var records = await StreamRecords.ReadAllAsync(fixture);
        var response = await InvokeAsync(new JsonObject { ["Records"] = records });

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(before, await ReadItemAsync(id));
        Assert.Equal(projected.ToString(), (await api.ProjectedAsync(id)).ToString());
    }

    [Fact]
    public async Task A_record_that_cannot_apply_yet_and_every_later_one_are_reported()
    {
        var id = (await api.CreateAsync("Gap")).Text("id");
        await api.ProjectedAsync(id);
        var created = (await StreamRecords.ReadAllAsync(fixture)).Single(r => Key(r!) == id)!;

        // Version 3 on top of version 1: version 2 has not been applied, so this one must wait.
        var gap = WithVersion(created, 3, "TodoCompleted", "{}", "900000000000000000001");
        var later = WithVersion(created, 1, "TodoCreated", (string)created["dynamodb"]!["NewImage"]!["data"]!["S"]!, "900000000000000000002");
        var response = await InvokeAsync(new JsonObject { ["Records"] = new JsonArray(created.DeepClone(), gap, later) });

        Assert.Equal(["900000000000000000001", "900000000000000000002"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.False((await api.ProjectedAsync(id)).GetProperty("completed").GetBoolean());
    }

    [Fact]
    public async Task A_record_that_is_not_an_event_this_code_knows_parks_its_todo_and_counts_as_done()
    {
        var id = (await api.CreateAsync("Malformed")).Text("id");
        await api.ProjectedAsync(id);
        var created = (await StreamRecords.ReadAllAsync(fixture)).Single(r => Key(r!) == id)!;
        var unknown = WithVersion(created, 2, "TodoArchived", "{}", "900000000000000000003");

        var response = await InvokeAsync(new JsonObject { ["Records"] = new JsonArray(unknown) });

        Assert.Empty(response.BatchItemFailures);
        var parked = Assert.Single(await new ParkedStore(fixture.App.DynamoDb, fixture.ParkedTable).OfTodoAsync(Guid.Parse(id), CancellationToken.None));
        Assert.Equal((2L, "900000000000000000003"), (parked.Version, parked.SequenceNumber));
        Assert.StartsWith("cannot decode: Unknown event type 'TodoArchived'", parked.Reason);
        Assert.Contains("parkedAt=", await ReadItemAsync(id));
        Assert.Contains("version=1", await ReadItemAsync(id));
    }

    private async Task<StreamsEventResponse> InvokeAsync(JsonObject streamEvent)
    {
        var definition = fixture.App.Template.Functions.Single(f => f.Handler == "project-todos");
        var projector = FunctionHost.Create(definition, fixture.App.DynamoDb);
        var context = new LambdaContext(Guid.NewGuid().ToString(), LocalAws.FunctionArn(definition.LogicalId), DateTimeOffset.UtcNow.AddMinutes(1), null);
        var output = await projector.InvokeAsync(Encoding.UTF8.GetBytes(streamEvent.ToJsonString()), context, CancellationToken.None);
        return JsonSerializer.Deserialize(output, LambdaJsonContext.Default.StreamsEventResponse)!;
    }

    private async Task<string> ReadItemAsync(string id)
    {
        var item = (await fixture.App.DynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = fixture.TodosTable,
            Key = Todo.Store.ReadTable.TodoTable.Key(Todo.Store.ReadTable.TodoTable.DefaultList, Guid.Parse(id)),
            ConsistentRead = true,
        })).Item;
        return string.Join(";", item.OrderBy(a => a.Key).Select(a => $"{a.Key}={a.Value.S ?? a.Value.N ?? a.Value.BOOL?.ToString()}"));
    }

    private static string Key(JsonNode record) => (string)record["dynamodb"]!["Keys"]!["todoId"]!["S"]!;

    private static JsonNode WithVersion(JsonNode record, int version, string type, string data, string sequenceNumber)
    {
        var copy = record.DeepClone();
        var dynamodb = copy["dynamodb"]!;
        dynamodb["Keys"]!["version"] = new JsonObject { ["N"] = version.ToString() };
        dynamodb["NewImage"]!["version"] = new JsonObject { ["N"] = version.ToString() };
        dynamodb["NewImage"]!["type"] = new JsonObject { ["S"] = type };
        dynamodb["NewImage"]!["data"] = new JsonObject { ["S"] = data };
        dynamodb["SequenceNumber"] = sequenceNumber;
        return copy;
    }
}
