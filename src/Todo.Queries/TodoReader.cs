using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Lambda;
using Todo.Storage.ReadModel;

namespace Todo.Queries;

/// <summary>Reads the projected todos: one GetItem for a todo, one Query on the list's index for the list, never a Scan.</summary>
public sealed class TodoReader(IAmazonDynamoDB dynamoDb, string tableName)
{
    /// <returns>Null when the read table has no item for the id; else the live todo (null for a tombstone) and the version applied.</returns>
    public async Task<(TodoView? Todo, long Version)?> GetAsync(Guid id, bool consistent, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = TodoTable.Key(id),
            ConsistentRead = consistent,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? (TodoTable.FromItem(item), TodoTable.VersionOf(item)) : null;
    }

    /// <summary>The list's todos, oldest first; the sparse index holds no tombstones.</summary>
    public async Task<List<TodoView>> ListAsync(bool consistent, CancellationToken cancellationToken)
    {
        var todos = new List<TodoView>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await dynamoDb.QueryAsync(new QueryRequest
            {
                TableName = tableName,
                IndexName = TodoTable.ByCreatedAt,
                KeyConditionExpression = "#list = :list",
                ExpressionAttributeNames = new() { ["#list"] = TodoTable.ListId },
                ExpressionAttributeValues = new() { [":list"] = new AttributeValue { S = TodoTable.DefaultList } },
                ScanIndexForward = true,
                ConsistentRead = consistent,
                ExclusiveStartKey = startKey,
            }, cancellationToken);
            todos.AddRange((page.Items ?? []).Select(TodoTable.FromItem).OfType<TodoView>());
            startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        } while (startKey is not null);
        return todos;
    }

    public static TodoReader From(FunctionServices services) =>
        new(services.DynamoDb, services.Require(TodoTable.EnvironmentVariable));
}
