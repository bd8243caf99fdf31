using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Store;
using Todo.Store.ReadTable;

namespace Todo.Queries;

/// <summary>
/// Reads the projected todos of one list partition (<see cref="TodoTable.ListOf"/> the caller) from the
/// active read table (<see cref="ReadPointer"/>): one GetItem for a todo, one Query on the list's index for
/// the list, never a Scan. Another list's todo is not in the partition, so it reads as no item at all.
/// </summary>
public sealed class TodoReader(IAmazonDynamoDB dynamoDb, ReadPointer pointer)
{
    /// <returns>Null when the read table has no item for the id; else the live todo (null for a tombstone) and the version applied.</returns>
    public async Task<(TodoView? Todo, long Version)?> GetAsync(string listId, Guid id, bool consistent, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = await pointer.ActiveAsync(cancellationToken),
            Key = TodoTable.Key(listId, id),
            ConsistentRead = consistent,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? (TodoTable.FromItem(item), TodoTable.VersionOf(item)) : null;
    }

    /// <summary>The list's todos, oldest first; the sparse index holds no tombstones.</summary>
    public async Task<List<TodoView>> ListAsync(string listId, bool consistent, CancellationToken cancellationToken)
    {
        var todos = new List<TodoView>();
        await foreach (var page in dynamoDb.QueryPagesAsync(await ListQueryAsync(listId, consistent, cancellationToken), cancellationToken))
            todos.AddRange(Views(page));
        return todos;
    }

    /// <summary>Up to <paramref name="limit"/> todos after the sort key <paramref name="after"/>, and the sort key to go on from if DynamoDB stopped early.</summary>
    public async Task<(List<TodoView> Todos, string? Next)> PageAsync(string listId, int? limit, string? after, bool consistent, CancellationToken cancellationToken)
    {
        var query = await ListQueryAsync(listId, consistent, cancellationToken);
        query.Limit = limit;
        query.ExclusiveStartKey = after is null ? null : StartKey(listId, after);
        var page = await dynamoDb.QueryAsync(query, cancellationToken);
        return (Views(page), Pages.Next(page.LastEvaluatedKey) is { } last ? last[TodoTable.CreatedAtKey].S : null);
    }

    /// <summary>The list, oldest first, on the list's index of the active read table.</summary>
    private async Task<QueryRequest> ListQueryAsync(string listId, bool consistent, CancellationToken cancellationToken) => new()
    {
        TableName = await pointer.ActiveAsync(cancellationToken),
        IndexName = TodoTable.ByCreatedAt,
        KeyConditionExpression = "#list = :list",
        ExpressionAttributeNames = new() { ["#list"] = TodoTable.ListId },
        ExpressionAttributeValues = new() { [":list"] = new AttributeValue { S = listId } },
        ScanIndexForward = true,
        ConsistentRead = consistent,
    };

    private static List<TodoView> Views(QueryResponse page) => [.. (page.Items ?? []).Select(TodoTable.FromItem).OfType<TodoView>()];

    /// <summary>An index's start key holds the table's key too; the list's sort key ends with the todo's id.</summary>
    private static Dictionary<string, AttributeValue> StartKey(string listId, string sortKey)
    {
        var key = TodoTable.Key(listId, Guid.Parse(sortKey[(sortKey.LastIndexOf('#') + 1)..]));
        key[TodoTable.CreatedAtKey] = new AttributeValue { S = sortKey };
        return key;
    }
}
