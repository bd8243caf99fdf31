using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Todo.Store;

/// <summary>
/// DynamoDB's paging, written once: a Query or Scan is sent again from each page's <c>LastEvaluatedKey</c>
/// until a page has none. The request is reused, its <c>ExclusiveStartKey</c> moved on with each page, so
/// the first page starts wherever the caller's request does.
/// </summary>
public static class Pages
{
    public static IAsyncEnumerable<QueryResponse> QueryPagesAsync(this IAmazonDynamoDB dynamoDb, QueryRequest request, CancellationToken cancellationToken) =>
        PagesAsync(request.ExclusiveStartKey, (start, token) =>
        {
            request.ExclusiveStartKey = start;
            return dynamoDb.QueryAsync(request, token);
        }, page => page.LastEvaluatedKey, cancellationToken);

    public static IAsyncEnumerable<ScanResponse> ScanPagesAsync(this IAmazonDynamoDB dynamoDb, ScanRequest request, CancellationToken cancellationToken) =>
        PagesAsync(request.ExclusiveStartKey, (start, token) =>
        {
            request.ExclusiveStartKey = start;
            return dynamoDb.ScanAsync(request, token);
        }, page => page.LastEvaluatedKey, cancellationToken);

    /// <summary>The key to go on from, or null when the page was the last (DynamoDB may send an empty map for none).</summary>
    public static Dictionary<string, AttributeValue>? Next(Dictionary<string, AttributeValue>? lastEvaluatedKey) =>
        lastEvaluatedKey is { Count: > 0 } ? lastEvaluatedKey : null;

    private static async IAsyncEnumerable<TPage> PagesAsync<TPage>(
        Dictionary<string, AttributeValue>? start, Func<Dictionary<string, AttributeValue>?, CancellationToken, Task<TPage>> send,
        Func<TPage, Dictionary<string, AttributeValue>?> lastKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        do
        {
            var page = await send(start, cancellationToken);
            yield return page;
            start = Next(lastKey(page));
        } while (start is not null);
    }
}
