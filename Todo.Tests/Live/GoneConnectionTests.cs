using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Todo.Lambda;
using Todo.Live.ApiGatewayManagementApi;
using Todo.Live.Connections;
using Todo.Projections;
using Todo.Store.ReadTable;
using Todo.Tests.Observability;
using Todo.Tests.Support;
using static Todo.Tests.Live.LiveRecords;

namespace Todo.Tests.Live;

/// <summary>
/// The notifier with its connections in DynamoDB Local (the connection store's own Query and DeleteItem) and the read
/// pointer of the app's tables: a connection the management API says is gone loses its record, the others keep theirs
/// and are sent the change. The batch is made here, for a list no request writes, so the app's own notifier never sees it.
/// </summary>
[Slow]
public sealed class GoneConnectionTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>, IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private readonly string table = "notify-test-connections-" + Guid.NewGuid().ToString("N")[..8];
    private ManagementEndpoint endpoint = null!;

    public async Task InitializeAsync()
    {
        endpoint = await ManagementEndpoint.StartAsync();
        await fixture.App.DynamoDb.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new(ConnectionsTable.ListId, ScalarAttributeType.S), new(ConnectionsTable.ConnectionId, ScalarAttributeType.S)],
            KeySchema = [new(ConnectionsTable.ListId, KeyType.HASH), new(ConnectionsTable.ConnectionId, KeyType.RANGE)],
        });
    }

    public async Task DisposeAsync() => await endpoint.DisposeAsync();

    private NotifierFunction Notifier(ConnectionStore store) => new(
        new ReadPointer(fixture.App.DynamoDb, fixture.ReadPointerTable, new ReadTables(fixture.TodosTable, fixture.TodosGreenTable), TimeProvider.System),
        store,
        new AmazonApiGatewayManagementApiClient(Http, endpoint.StageUrl, "eu-west-1", new ImmutableCredentials("local", "local", null)));

    [Fact]
    public async Task A_gone_connection_loses_its_record_and_the_others_are_sent_the_change()
    {
        var store = new ConnectionStore(fixture.App.DynamoDb, table);
        var list = "user-" + Guid.NewGuid();
        foreach (var connection in new[] { "open-1", "gone-1", "open-2" })
            await store.PutAsync(list, connection, list, DateTimeOffset.UtcNow - 2 * ConnectionsTable.ConnectingGrace, CancellationToken.None);
        endpoint.Answer = (request, _) => Task.FromResult(request.ConnectionId == "gone-1" ? new ManagementAnswer(410, "GoneException") : ManagementAnswer.Ok);
        var notifier = Notifier(store);
        var id = Guid.NewGuid();

        var output = await notifier.InvokeAsync(
            LambdaPayload.Write(Event(Record(Item(id, 1, owner: list), "INSERT", fixture.TodosTable)), LambdaJsonContext.Default.DynamoDBEvent),
            TelemetryProbe.Context(), CancellationToken.None);

        Assert.Empty(LambdaPayload.Read(output, LambdaJsonContext.Default.StreamsEventResponse).BatchItemFailures);
        Assert.Equal(["open-1", "open-2"], (await store.ListAsync(list, CancellationToken.None)).Order());
        Assert.Equal(["gone-1", "open-1", "open-2"], endpoint.Requests.Select(r => r.ConnectionId).Order());
    }

    [Fact]
    public async Task A_410_for_a_connection_recorded_moments_ago_keeps_its_record_as_it_may_still_be_handshaking()
    {
        var store = new ConnectionStore(fixture.App.DynamoDb, table);
        var list = "user-" + Guid.NewGuid();
        await store.PutAsync(list, "connecting", list, DateTimeOffset.UtcNow, CancellationToken.None);
        endpoint.Answer = (_, _) => Task.FromResult(new ManagementAnswer(410, "GoneException"));
        var notifier = Notifier(store);

        await notifier.InvokeAsync(
            LambdaPayload.Write(Event(Record(Item(Guid.NewGuid(), 1, owner: list), "INSERT", fixture.TodosTable)), LambdaJsonContext.Default.DynamoDBEvent),
            TelemetryProbe.Context(), CancellationToken.None);

        Assert.Equal(["connecting"], await store.ListAsync(list, CancellationToken.None));
        Assert.False(await store.ForgetGoneAsync(list, "connecting", DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.True(await store.ForgetGoneAsync(list, "connecting", DateTimeOffset.UtcNow + 2 * ConnectionsTable.ConnectingGrace, CancellationToken.None));
        Assert.Empty(await store.ListAsync(list, CancellationToken.None));
    }
}
