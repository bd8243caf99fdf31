using System.Collections.Concurrent;
using System.Text.Json;
using Amazon.Runtime;
using Todo.Local.Template;

namespace Todo.Tests.Deployment;

/// <summary>
/// Gives a DynamoDB client an HttpClient that writes down, for each call it sends, the IAM action it needs
/// and on what table or index: <c>dynamodb:GetItem on todo-local-todos</c>. A TransactWriteItems needs
/// each item's own action (Put is PutItem), since IAM has no action of its own for it; a BatchWriteItem needs its
/// own on each table it names.
/// </summary>
public sealed class RecordingHttpClientFactory : HttpClientFactory
{
    public ConcurrentQueue<(string Action, string Table)> Calls { get; } = new();

    /// <summary>
    /// What the calls recorded so far need, each table named by its template logical id (<c>dynamodb:Query on
    /// TodosTable/index/byCreatedAt</c>); the record starts afresh.
    /// </summary>
    public HashSet<string> TakeNeeded(IEnumerable<TableDefinition> tables)
    {
        var logicalIds = tables.ToDictionary(t => t.Create.TableName, t => t.LogicalId);
        var needed = new HashSet<string>();
        while (Calls.TryDequeue(out var call))
        {
            var (table, index) = call.Table.Split("/index/") is [var t, var i] ? (t, "/index/" + i) : (call.Table, "");
            needed.Add($"{call.Action} on {logicalIds[table]}{index}");
        }
        return needed;
    }

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Recorder(Calls));

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;

    private static readonly Dictionary<string, string> TransactionItems = new()
    {
        ["Put"] = "PutItem",
        ["Update"] = "UpdateItem",
        ["Delete"] = "DeleteItem",
        ["ConditionCheck"] = "ConditionCheckItem",
    };

    private sealed class Recorder(ConcurrentQueue<(string, string)> calls) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var operation = request.Headers.GetValues("X-Amz-Target").Single().Split('.')[1];
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            if (operation == "TransactWriteItems")
            {
                foreach (var item in body.RootElement.GetProperty("TransactItems").EnumerateArray().SelectMany(i => i.EnumerateObject()))
                    calls.Enqueue(("dynamodb:" + TransactionItems[item.Name], item.Value.GetProperty("TableName").GetString()!));
            }
            else if (body.RootElement.TryGetProperty("RequestItems", out var batch))
            {
                // A batch names its tables as keys; IAM authorizes it on each.
                foreach (var table in batch.EnumerateObject())
                    calls.Enqueue(("dynamodb:" + operation, table.Name));
            }
            else
            {
                var table = body.RootElement.GetProperty("TableName").GetString()!;
                calls.Enqueue(("dynamodb:" + operation, body.RootElement.TryGetProperty("IndexName", out var index) ? $"{table}/index/{index.GetString()}" : table));
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
