using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Store;
using Todo.Store.ReadTable;

namespace Todo.Queries;

/// <summary>
/// Reads a list's changes from the active read table's <see cref="TodoTable.ByChange"/> index, in the order they were
/// written, up to a settled horizon: one Query a page, never a Scan. Each write of a todo's state stamps its item's change
/// key by the writer's clock before it commits, and the index is eventually consistent, so a change stamped within the
/// last <paramref name="settle"/> may not be readable yet, behind one already readable: only changes stamped before
/// now − <paramref name="settle"/> are answered, and a reader that has read up to that horizon has missed none.
/// </summary>
public sealed class TodoChanges(IAmazonDynamoDB dynamoDb, ReadPointer pointer, TimeSpan settle)
{
    public const string SettleVariable = "CHANGES_SETTLE_SECONDS";

    /// <summary>The template's value, justified there: the projector's write, the index's propagation and clock skew, twice over.</summary>
    public static readonly TimeSpan DefaultSettle = TimeSpan.FromSeconds(5);

    public ReadTables Tables => pointer.Tables;

    /// <summary>The read table the list is read from now (the pointer, cached briefly).</summary>
    public Task<string> ActiveAsync(CancellationToken cancellationToken) => pointer.ActiveAsync(cancellationToken);

    /// <summary>The position past every change settled now.</summary>
    public string Horizon() => ChangesRequest.HorizonKey(pointer.Clock.GetUtcNow() - settle);

    /// <summary>
    /// Up to <paramref name="limit"/> items of the list whose change key is from <paramref name="from"/> (inclusive; null
    /// from the beginning) up to <paramref name="horizon"/>, oldest change first, and the key to go on from if DynamoDB stopped early.
    /// </summary>
    public async Task<(List<Dictionary<string, AttributeValue>> Items, Dictionary<string, AttributeValue>? More)> PageAsync(
        string table, string listId, string? from, string horizon, int limit, Dictionary<string, AttributeValue>? start, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, AttributeValue> { [":list"] = new() { S = listId }, [":horizon"] = new() { S = horizon } };
        if (from is not null)
            values[":from"] = new AttributeValue { S = from };
        var page = await dynamoDb.QueryAsync(new QueryRequest
        {
            TableName = table,
            IndexName = TodoTable.ByChange,
            KeyConditionExpression = from is null ? "#list = :list AND #change <= :horizon" : "#list = :list AND #change BETWEEN :from AND :horizon",
            ExpressionAttributeNames = new() { ["#list"] = TodoTable.ListId, ["#change"] = TodoTable.ChangeKey },
            ExpressionAttributeValues = values,
            ScanIndexForward = true,
            Limit = limit,
            ExclusiveStartKey = start,
        }, cancellationToken);
        return (page.Items ?? [], Pages.Next(page.LastEvaluatedKey));
    }
}
