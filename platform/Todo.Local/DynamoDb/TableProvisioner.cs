using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Local.Template;

namespace Todo.Local.DynamoDb;

/// <summary>
/// Creates the template's tables that do not exist yet, adds to a kept table the global indexes and the stream the
/// template has gained since (as CloudFormation adds them in place), and tells each table's stream.
/// </summary>
public static class TableProvisioner
{
    public static async Task<IReadOnlyDictionary<string, TableDescription>> EnsureAsync(
        IAmazonDynamoDB dynamoDb, IEnumerable<TableDefinition> tables, CancellationToken cancellationToken)
    {
        var described = new Dictionary<string, TableDescription>();
        foreach (var table in tables)
        {
            try
            {
                await dynamoDb.CreateTableAsync(table.Create, cancellationToken);
                if (table.TimeToLiveAttribute is { } attribute)
                    await dynamoDb.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
                    {
                        TableName = table.Create.TableName,
                        TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attribute, Enabled = true },
                    }, cancellationToken);
            }
            catch (ResourceInUseException)
            {
                // Kept from an earlier run: the data folder persists.
                await UpgradeAsync(dynamoDb, table.Create, cancellationToken);
            }
            described[table.LogicalId] = (await dynamoDb.DescribeTableAsync(table.Create.TableName, cancellationToken)).Table;
        }
        return described;
    }

    /// <summary>Adds the global indexes (filled from the items already there) and the stream a kept table lacks.</summary>
    private static async Task UpgradeAsync(IAmazonDynamoDB dynamoDb, CreateTableRequest create, CancellationToken cancellationToken)
    {
        var kept = (await dynamoDb.DescribeTableAsync(create.TableName, cancellationToken)).Table;
        foreach (var index in create.GlobalSecondaryIndexes ?? [])
        {
            if (kept.GlobalSecondaryIndexes?.Any(i => i.IndexName == index.IndexName) == true)
                continue;
            await dynamoDb.UpdateTableAsync(new UpdateTableRequest
            {
                TableName = create.TableName,
                AttributeDefinitions = create.AttributeDefinitions,
                GlobalSecondaryIndexUpdates =
                [
                    new GlobalSecondaryIndexUpdate
                    {
                        Create = new CreateGlobalSecondaryIndexAction { IndexName = index.IndexName, KeySchema = index.KeySchema, Projection = index.Projection },
                    },
                ],
            }, cancellationToken);
        }
        if (create.StreamSpecification is { } stream && kept.StreamSpecification?.StreamEnabled != true)
            await dynamoDb.UpdateTableAsync(new UpdateTableRequest { TableName = create.TableName, StreamSpecification = stream }, cancellationToken);
    }
}
