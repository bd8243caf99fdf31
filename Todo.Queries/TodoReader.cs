using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Store;
using Todo.Store.ReadTable;

namespace Todo.Queries;

/// <summary>
/// Reads the projected todos of one list partition (<see cref="TodoTable.ListOf"/> the caller) from the
/// active read table (<see cref="ReadPointer"/>): one Query on the list's index a page, never a Scan. Another
/// list's todo is not in the partition, so it is never in a page.
/// </summary>
public sealed class TodoReader(IAmazonDynamoDB dynamoDb, ReadPointer pointer)
{
    /// <summary>
    /// Up to <paramref name="limit"/> todos after the sort key <paramref name="after"/>, oldest first, on the list's index
    /// (which holds no tombstones), and the sort key to go on from if DynamoDB stopped early.
    /// </summary>
    public async Task<(List<TodoView> Todos, string? Next)> PageAsync(string listId, int? limit, string? after, CancellationToken cancellationToken)
    {
        var page = await dynamoDb.QueryAsync(new QueryRequest
        {
            TableName = await pointer.ActiveAsync(cancellationToken),
            IndexName = TodoTable.ByCreatedAt,
            KeyConditionExpression = "#list = :list",
            ExpressionAttributeNames = new() { ["#list"] = TodoTable.ListId },
            ExpressionAttributeValues = new() { [":list"] = new AttributeValue { S = listId } },
            ScanIndexForward = true,
            Limit = limit,
            ExclusiveStartKey = after is null ? null : StartKey(listId, after),
        }, cancellationToken);
        return (Views(page), Pages.Next(page.LastEvaluatedKey) is { } last ? last[TodoTable.CreatedAtKey].S : null);
    }

    private static List<TodoView> Views(QueryResponse page) => [.. (page.Items ?? []).Select(TodoTable.FromItem).OfType<TodoView>()];

    /// <summary>An index's start key holds the table's key too; the list's sort key ends with the todo's id.</summary>
    private static Dictionary<string, AttributeValue> StartKey(string listId, string sortKey)
    {
        var key = TodoTable.Key(listId, Guid.Parse(sortKey[(sortKey.LastIndexOf('#') + 1)..]));
        key[TodoTable.CreatedAtKey] = new AttributeValue { S = sortKey };
        return key;
    }
}
