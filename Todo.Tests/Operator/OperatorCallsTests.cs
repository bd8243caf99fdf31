using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Todo.Store.ReadTable;
using Todo.Tests.Deployment;
using Todo.Tests.Support;

namespace Todo.Tests.Operator;

/// <summary>
/// Every call todoctl makes, recorded on the wire while each verb runs against the local app with either read table
/// active and rebuilt into: with those only a deployed stack's verbs make, they are exactly <see cref="OperatorAccess"/>,
/// to which <see cref="TemplateTests"/> holds the template's OperatorPolicy.
/// </summary>
[Slow]
public sealed class OperatorCallsTests : IClassFixture<LocalAppFixture>, IDisposable
{
    private readonly LocalAppFixture fixture;
    private readonly TodoApi api;
    private readonly RecordingDynamoDbProxy proxy;
    private readonly Todoctl todoctl;

    public OperatorCallsTests(LocalAppFixture fixture)
    {
        this.fixture = fixture;
        api = new TodoApi(fixture.Http);
        proxy = new RecordingDynamoDbProxy(fixture.App.DynamoDbUrl);
        todoctl = new Todoctl(fixture.App, proxy.Url);
    }

    public void Dispose()
    {
        todoctl.Dispose();
        proxy.Dispose();
    }

    [Fact]
    public async Task Every_verb_on_either_read_table_calls_exactly_what_the_operator_policy_grants()
    {
        await EveryVerbAsync(fixture.TodosTable);
        await SucceedsAsync("rebuild", "--dry-run");
        await SucceedsAsync("rebuild");
        await EveryVerbAsync(fixture.TodosGreenTable);
        await SucceedsAsync("rebuild");
        await SucceedsAsync("rollback", "--dry-run");
        await SucceedsAsync("rollback");

        var made = proxy.Recorder.TakeNeeded(fixture.App.Template.Tables);

        Assert.Equal(OperatorAccess.Needed.Except(OperatorAccess.DeployedOnly).Order(), made.Order());
    }

    /// <summary>Each verb that reads or writes the active read table, on what calls for it: a parked todo, a missing and an extra item.</summary>
    private async Task EveryVerbAsync(string active)
    {
        var (_, status) = await todoctl.JsonAsync("status");
        Assert.Equal(active, status.GetProperty("activeReadTable").GetString());
        var kept = (await api.CreateAsync("Kept")).Text("id");
        await api.ProjectedAsync(kept);
        await SucceedsAsync("events", "--todo", kept);
        await SucceedsAsync("verify", "--todo", kept);

        var parked = (await PoisonedTodo.ParkAsync(fixture, api, active)).ToString();
        await SucceedsAsync("parked", "list");
        // Its event still does not read: it stays parked.
        Assert.Equal(1, (await todoctl.RunAsync("parked", "redrive", parked)).Exit);
        await SucceedsAsync("parked", "discard", parked);
        await PoisonedTodo.FixAsync(fixture, Guid.Parse(parked));
        await SucceedsAsync("replay", "--todo", parked);

        await fixture.App.DynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = active, Key = TodoTable.Key(TodoTable.DefaultList, Guid.Parse(kept)) });
        var extra = TodoTable.Key(TodoTable.DefaultList, Guid.NewGuid());
        extra[TodoTable.Version] = new AttributeValue { N = "1" };
        extra[TodoTable.Text] = new AttributeValue { S = "no events" };
        await fixture.App.DynamoDb.PutItemAsync(new PutItemRequest { TableName = active, Item = extra });
        var repair = await SucceedsAsync("verify", "--repair");
        Assert.Equal(2, repair.GetProperty("repaired").GetInt32());
        await SucceedsAsync("verify", "--sample", "1");
    }

    private async Task<JsonElement> SucceedsAsync(params string[] args)
    {
        var (exit, answer) = await todoctl.JsonAsync(args);
        Assert.True(exit == 0, $"todoctl {string.Join(' ', args)} exited {exit}: {answer}");
        return answer;
    }
}
