using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Todo.Store.ReadTable;
using Todo.Tests.Support;

namespace Todo.Tests.Operator;

/// <summary>
/// <c>todoctl verify</c> against the local app: it finds deliberately corrupted, missing and extra read items,
/// <c>--repair</c> fixes exactly those (and nothing else), and a verify while commands keep coming reports no
/// difference that is only the projection's lag.
/// </summary>
[Slow]
public sealed class VerifyTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>, IDisposable
{
    private readonly TodoApi api = new(fixture.Http);
    private readonly Todoctl todoctl = new(fixture.App);

    public void Dispose() => todoctl.Dispose();

    [Fact]
    public async Task Verify_finds_corrupted_missing_and_extra_items_and_repair_fixes_exactly_those()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = (await api.CreateAsync($"todo {i}")).Text("id");
            await api.UpdateAsync(id, new { completed = i % 2 == 0 });
            ids.Add(id);
        }
        // Listed before its delete, so that its leaving the list is the delete projected, not its create lagging.
        await api.ProjectedAsync(ids[4]);
        await api.DeleteAsync(ids[4]);
        foreach (var id in ids.Take(4))
            await api.ProjectedAsync(id, t => t.GetProperty("completed").GetBoolean() == (ids.IndexOf(id) % 2 == 0));
        await api.UnlistedAsync(ids[4]);
        Assert.Equal(0, (await todoctl.JsonAsync("verify")).Exit);

        var corrupted = Guid.Parse(ids[0]);
        var missing = Guid.Parse(ids[1]);
        var extra = Guid.NewGuid();
        await fixture.App.DynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = fixture.TodosTable,
            Key = TodoTable.Key(TodoTable.DefaultList, corrupted),
            UpdateExpression = "SET #text = :text",
            ExpressionAttributeNames = new() { ["#text"] = TodoTable.Text },
            ExpressionAttributeValues = new() { [":text"] = new AttributeValue { S = "corrupted" } },
        });
        await fixture.App.DynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = fixture.TodosTable, Key = TodoTable.Key(TodoTable.DefaultList, missing) });
        var extraItem = TodoTable.Key(TodoTable.DefaultList, extra);
        extraItem[TodoTable.Version] = new AttributeValue { N = "1" };
        extraItem[TodoTable.Text] = new AttributeValue { S = "no events" };
        await fixture.App.DynamoDb.PutItemAsync(new PutItemRequest { TableName = fixture.TodosTable, Item = extraItem });
        var untouched = await ItemsAsync(ids.Skip(2));

        var (exit, found) = await todoctl.JsonAsync("verify");

        Assert.Equal(1, exit);
        Assert.True(Count(found, "checked") >= 5 + 1);
        Assert.Equal((1, 1, 1), (Count(found, "missing"), Count(found, "extra"), Count(found, "differing")));
        var differences = found.GetProperty("differences").EnumerateArray().ToDictionary(d => d.GetProperty("todoId").GetString()!, d => d);
        Assert.Equal(new[] { corrupted, extra, missing }.Select(id => id.ToString()).Order(), differences.Keys.Order());
        Assert.Equal("differing", differences[corrupted.ToString()].GetProperty("kind").GetString());
        Assert.Equal(["text"], differences[corrupted.ToString()].GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("text: \"corrupted\" (events give \"todo 0\")", differences[corrupted.ToString()].GetProperty("detail").GetString());

        // A dry run says what it would do and writes nothing.
        var (dryExit, dry) = await todoctl.JsonAsync("verify", "--repair", "--dry-run");
        Assert.Equal((1, 0), (dryExit, Count(dry, "repaired")));
        Assert.Equal("corrupted", (await ItemAsync(corrupted))![TodoTable.Text].S);

        var (repairExit, repair) = await todoctl.JsonAsync("verify", "--repair");

        Assert.Equal(0, repairExit);
        Assert.Equal(3, Count(repair, "repaired"));
        Assert.Equal("todo 0", (await ItemAsync(corrupted))![TodoTable.Text].S);
        Assert.Equal("todo 1", (await ItemAsync(missing))![TodoTable.Text].S);
        Assert.Null(await ItemAsync(extra));
        Assert.Equal(untouched, await ItemsAsync(ids.Skip(2)));
        var (afterExit, after) = await todoctl.JsonAsync("verify");
        Assert.Equal((0, 0, 0, 0), (afterExit, Count(after, "missing"), Count(after, "extra"), Count(after, "differing")));
        Assert.Equal(0, (await todoctl.JsonAsync("verify", "--todo", ids[0])).Exit);
        Assert.Equal(2, Count((await todoctl.JsonAsync("verify", "--sample", "2")).Answer, "checked"));
    }

    [Fact]
    public async Task Verify_while_commands_keep_coming_reports_no_difference()
    {
        using var stop = new CancellationTokenSource();
        var acknowledged = 0;
        var writer = Task.Run(async () =>
        {
            var writes = new TodoApi(fixture.Http);
            while (!stop.IsCancellationRequested)
            {
                var id = (await writes.CreateAsync("busy")).Text("id");
                await writes.UpdateAsync(id, new { completed = true });
                Interlocked.Add(ref acknowledged, 2);
            }
        });
        while (Volatile.Read(ref acknowledged) < 20)
            await Task.Delay(20);

        var (exit, report) = await todoctl.JsonAsync("verify");
        await stop.CancelAsync();
        await writer;

        Assert.True(exit == 0, report.ToString());
        Assert.True(Count(report, "checked") >= 10);
        Assert.Equal((0, 0, 0, 0), (Count(report, "missing"), Count(report, "extra"), Count(report, "differing"), Count(report, "unreadable")));
        Assert.True(acknowledged > 0);
    }

    [Fact]
    public async Task An_item_written_before_change_stamps_is_reported_and_repair_stamps_it_leaving_its_state()
    {
        var id = (await api.CreateAsync("from before the changes feed")).Text("id");
        await api.ProjectedAsync(id);
        var todo = Guid.Parse(id);
        var stamped = (await ItemAsync(todo))![TodoTable.ChangeKey].S;
        await fixture.App.DynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = fixture.TodosTable,
            Key = TodoTable.Key(TodoTable.DefaultList, todo),
            UpdateExpression = "REMOVE #changeKey",
            ExpressionAttributeNames = new() { ["#changeKey"] = TodoTable.ChangeKey },
        });

        var (exit, found) = await todoctl.JsonAsync("verify", "--todo", id);
        var (repairExit, repair) = await todoctl.JsonAsync("verify", "--repair");

        Assert.Equal(1, exit);
        var difference = Assert.Single(found.GetProperty("differences").EnumerateArray());
        Assert.Equal(["changeKey"], difference.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal((0, 1), (repairExit, Count(repair, "repaired")));
        var item = (await ItemAsync(todo))!;
        Assert.True(string.CompareOrdinal(item[TodoTable.ChangeKey].S, stamped) > 0, $"{item[TodoTable.ChangeKey].S} is not after {stamped}");
        Assert.EndsWith($"#{id}", item[TodoTable.ChangeKey].S);
        Assert.Equal(("from before the changes feed", "1"), (item[TodoTable.Text].S, item[TodoTable.Version].N));
        // A stamp's value is never a difference: the projector's and the repair's differ, and verify is content.
        Assert.Equal(0, (await todoctl.JsonAsync("verify")).Exit);
    }

    [Fact]
    public async Task Verify_of_a_todo_that_is_not_an_id_is_a_clear_error()
    {
        var (exit, _, error) = await todoctl.RunAsync("verify", "--todo", "not-a-uuid");

        Assert.Equal(2, exit);
        Assert.Contains("'not-a-uuid' is not a todo id", error);
    }

    private static int Count(JsonElement answer, string name) => answer.GetProperty(name).GetInt32();

    private async Task<Dictionary<string, AttributeValue>?> ItemAsync(Guid id)
    {
        var item = (await fixture.App.DynamoDb.GetItemAsync(new GetItemRequest { TableName = fixture.TodosTable, Key = TodoTable.Key(TodoTable.DefaultList, id), ConsistentRead = true })).Item;
        return item is { Count: > 0 } ? item : null;
    }

    private async Task<List<string>> ItemsAsync(IEnumerable<string> ids)
    {
        var texts = new List<string>();
        foreach (var id in ids)
            texts.Add(Platform.DynamoJson.Of((await ItemAsync(Guid.Parse(id)))!));
        return texts;
    }
}
