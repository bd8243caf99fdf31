using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Local.Template;

namespace Todo.Local.DynamoDb;

/// <summary>Creates the template's tables that do not exist yet, and tells each table's stream.</summary>
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
            }
            described[table.LogicalId] = (await dynamoDb.DescribeTableAsync(table.Create.TableName, cancellationToken)).Table;
        }
        return described;
    }
}
