using Todo.ReadModel;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SQS;
using Todo.Store.Events;
using Todo.Store.Parked;
using Todo.Store.ReadTable;
using Todo.LocalStack;

namespace Todo.Operator.Target;

/// <summary>
/// The stack the operator works on: its DynamoDB and its tables by template logical id. The local stack is
/// found through the file the local host writes at start; a deployed one through its CloudFormation outputs.
/// </summary>
/// <param name="failureQueue">Where the stream mapping sends the batches it gave up on; the local host has none (it logs them).</param>
public sealed class OperatorTarget(IAmazonDynamoDB dynamoDb, IReadOnlyDictionary<string, string> tables, string name, FailureQueue? failureQueue = null) : IDisposable
{
    public IAmazonDynamoDB DynamoDb { get; } = dynamoDb;

    public FailureQueue? FailureQueue { get; } = failureQueue;

    /// <summary>"local (http://127.0.0.1:…)" or "stack todo in eu-west-1".</summary>
    public string Name { get; } = name;

    public string EventsTable => Table("EventsTable");
    public string ParkedTable => Table("ParkedTable");
    public string ReadPointerTable => Table("ReadPointerTable");

    /// <summary>Which read table is active; the operator's own reads go where the query functions' do.</summary>
    public ReadPointer Pointer => pointer ??= new ReadPointer(DynamoDb, ReadPointerTable, new ReadTables(Table("TodosTable"), Table("TodosGreenTable")), TimeProvider.System);

    private ReadPointer? pointer;

    public Task<string> TodosTableAsync(CancellationToken cancellationToken) => Pointer.ActiveAsync(cancellationToken);

    public EventStore Events => new(DynamoDb, EventsTable);
    public ReadModelWriter Writer => new(DynamoDb, Pointer);
    public ParkedStore Parked => new(DynamoDb, ParkedTable);
    public TodoReplay Replay => new(Events, Writer, Parked);

    /// <summary>The stack output naming the failure queue (template.yaml's Outputs).</summary>
    public const string FailureQueueOutput = "ProjectionFailuresQueueUrl";

    private string Table(string logicalId) =>
        tables.TryGetValue(logicalId, out var table) ? table : throw new OperatorException($"The stack {Name} has no {logicalId}.");

    public static OperatorTarget Local(string endpointsPath)
    {
        if (!File.Exists(endpointsPath))
            throw new OperatorException($"No local stack: {endpointsPath} is missing. Start it with ./run.sh, or name a deployed one with --stack and --region.");
        var endpoints = LocalEndpoints.FromJson(File.ReadAllText(endpointsPath));
        var client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = endpoints.DynamoDbUrl, AuthenticationRegion = endpoints.Region });
        return new OperatorTarget(client, endpoints.Tables, $"local ({endpoints.DynamoDbUrl.TrimEnd('/')})");
    }

    /// <summary>A deployed stack: table names from its outputs (<c>EventsTableName</c> for EventsTable, …), credentials the standard AWS way.</summary>
    public static async Task<OperatorTarget> DeployedAsync(string stack, string region, CancellationToken cancellationToken)
    {
        var outputs = await StackOutputs.ReadAsync(stack, region, cancellationToken);
        var tables = outputs.Where(o => o.Key.EndsWith("TableName", StringComparison.Ordinal))
            .ToDictionary(o => o.Key[..^"Name".Length], o => o.Value);
        var endpoint = RegionEndpoint.GetBySystemName(region);
        var failures = outputs.TryGetValue(FailureQueueOutput, out var url) ? new FailureQueue(new AmazonSQSClient(endpoint), url) : null;
        return new OperatorTarget(new AmazonDynamoDBClient(endpoint), tables, $"stack {stack} in {region}", failures);
    }

    public void Dispose()
    {
        DynamoDb.Dispose();
        FailureQueue?.Dispose();
    }
}

/// <summary>Something the operator asked for that cannot be done: printed as it is, exit code 2.</summary>
public sealed class OperatorException(string message) : Exception(message);
