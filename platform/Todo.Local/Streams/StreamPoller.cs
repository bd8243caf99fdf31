using System.Diagnostics;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Todo.Lambda;
using Todo.Local.Template;

namespace Todo.Local.Streams;

/// <summary>
/// Does locally what Lambda's DynamoDB event source mapping does: reads every shard of a table's
/// stream (parents before children), invokes the function with batches of real stream-event JSON,
/// and honours its partial-batch response by reading again from the lowest failed record. A shard
/// that gave records is read again as soon as the function returns, so the reader keeps pace with
/// the function; only a poll that found nothing waits <paramref name="pollInterval"/>. The next
/// page is not read while a batch is delivered: a page read then holds only what arrived in the
/// delivery's first moments, and batches would alternate small and large. One batch of a shard is
/// delivered at a time (Lambda's ParallelizationFactor 1, the template's setting).
/// </summary>
/// <param name="shardRefreshInterval">
/// How often the shard list is read again (DescribeStream) while no shard has ended; a shard that
/// ends has it read again at once, for the children that take over from it.
/// </param>
/// <param name="lambda">Invokes the function, traced as Lambda traces a stream-triggered invocation; untraced when null.</param>
public sealed class StreamPoller(
    DynamoDbStreamsClient streams,
    string streamArn,
    StreamMapping mapping,
    string functionName,
    ILambdaFunction function,
    CheckpointStore checkpoints,
    TimeSpan pollInterval,
    ILogger logger,
    TimeSpan? shardRefreshInterval = null,
    LambdaService? lambda = null)
{
    private readonly LambdaService lambda = lambda ?? new LambdaService(null);
    public static readonly TimeSpan DefaultShardRefreshInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private readonly TimeSpan shardRefresh = shardRefreshInterval ?? DefaultShardRefreshInterval;
    private readonly Dictionary<string, string?> iterators = new();
    private readonly HashSet<string> finished = new();
    private List<Shard>? shards;
    private long shardsReadAt;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failed = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // The wait after a failure is in here, so that stopping during it ends the loop as stopping anywhere does.
                if (failed)
                {
                    failed = false;
                    await Task.Delay(MaxBackoff, cancellationToken);
                }
                var busy = false;
                foreach (var shard in await ReadableShardsAsync(cancellationToken))
                    busy |= await PollShardAsync(shard, cancellationToken);
                if (!busy)
                    await Task.Delay(pollInterval, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is StreamsApiException or HttpRequestException)
            {
                logger.LogWarning(e, "Reading the stream of {Table} failed; retrying", mapping.TableLogicalId);
                iterators.Clear();
                shards = null;
                failed = true;
            }
        }
    }

    /// <summary>Open shards whose parent, if the stream still has it, has been read to its end: records stay in order per key.</summary>
    private async Task<List<Shard>> ReadableShardsAsync(CancellationToken cancellationToken)
    {
        if (shards is null || Stopwatch.GetElapsedTime(shardsReadAt) >= shardRefresh)
        {
            shards = await streams.DescribeShardsAsync(streamArn, cancellationToken);
            shardsReadAt = Stopwatch.GetTimestamp();
        }
        var known = shards.Select(s => s.ShardId).ToHashSet();
        return shards.Where(s => !finished.Contains(s.ShardId)
            && (s.ParentShardId is null || !known.Contains(s.ParentShardId) || finished.Contains(s.ParentShardId))).ToList();
    }

    /// <returns>Whether the shard had records or ended, so the next read should not wait.</returns>
    private async Task<bool> PollShardAsync(Shard shard, CancellationToken cancellationToken)
    {
        if (!iterators.TryGetValue(shard.ShardId, out var iterator))
            iterator = iterators[shard.ShardId] = await StartIteratorAsync(shard.ShardId, cancellationToken);
        if (iterator is null)
        {
            Finish(shard);
            return false;
        }
        JsonArray records;
        string? next;
        try
        {
            (records, next) = await streams.GetRecordsAsync(iterator, mapping.BatchSize, cancellationToken);
        }
        catch (StreamsApiException e) when (e.IsExpiredIterator)
        {
            iterators.Remove(shard.ShardId);
            return true;
        }
        if (records.Count > 0)
            next = await DeliverAsync(shard.ShardId, records, next, cancellationToken);
        iterators[shard.ShardId] = next;
        if (next is null)
            Finish(shard);
        return records.Count > 0 || next is null;
    }

    /// <summary>A shard read to its end: its children, if any, are read next, so the shard list is read again.</summary>
    private void Finish(Shard shard)
    {
        finished.Add(shard.ShardId);
        shards = null;
    }

    private Task<string?> StartIteratorAsync(string shardId, CancellationToken cancellationToken) =>
        checkpoints.Get(shardId) is { } checkpoint
            ? streams.GetShardIteratorAsync(streamArn, shardId, "AFTER_SEQUENCE_NUMBER", checkpoint, cancellationToken)
            : streams.GetShardIteratorAsync(streamArn, shardId, mapping.StartingPosition, null, cancellationToken);

    /// <summary>Invokes the function until the batch succeeds (or the retries the mapping allows run out).</summary>
    /// <returns>The iterator to continue from.</returns>
    private async Task<string?> DeliverAsync(string shardId, JsonArray records, string? next, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var failedFrom = await InvokeAsync(records, cancellationToken);
            if (failedFrom is null)
            {
                checkpoints.Set(shardId, Sequence(records[^1]!));
                return next;
            }
            if (mapping.MaximumRetryAttempts >= 0 && attempt >= mapping.MaximumRetryAttempts)
            {
                logger.LogError("Discarding {Count} records of {Table} from {Sequence} after {Attempts} retries",
                    records.Count, mapping.TableLogicalId, failedFrom, attempt);
                checkpoints.Set(shardId, Sequence(records[^1]!));
                return next;
            }
            await Task.Delay(Backoff(attempt), cancellationToken);
            // Lambda checkpoints at the lowest failed record and delivers everything from there again.
            var retryFrom = records.TakeWhile(r => Sequence(r!) != failedFrom).Count();
            if (retryFrom > 0)
                checkpoints.Set(shardId, Sequence(records[retryFrom - 1]!));
            records = new JsonArray(records.Skip(retryFrom).Select(r => r!.DeepClone()).ToArray());
        }
    }

    /// <returns>Null when the whole batch succeeded, else the sequence number to retry from.</returns>
    private async Task<string?> InvokeAsync(JsonArray records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
            record!["eventSourceARN"] = streamArn;
        var payload = Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = records.DeepClone() }.ToJsonString());
        JsonNode? response;
        try
        {
            response = JsonNode.Parse(await lambda.InvokeAsync(functionName, function, payload, Guid.NewGuid().ToString(),
                DateTimeOffset.UtcNow.AddMinutes(1), caller: null, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "{Function} failed on a batch of {Count} records", functionName, records.Count);
            return Sequence(records[0]!);
        }
        return LowestFailure(response, records);
    }

    /// <summary>
    /// Reads the partial-batch response as Lambda does: an empty or absent list is success, an
    /// identifier that is missing or matches no record fails the whole batch.
    /// </summary>
    private string? LowestFailure(JsonNode? response, JsonArray records)
    {
        if (!mapping.ReportBatchItemFailures || response?["batchItemFailures"] is not JsonArray failures || failures.Count == 0)
            return null;
        (BigInteger Value, string Id)? lowest = null;
        foreach (var failure in failures)
        {
            var id = (string?)failure?["itemIdentifier"];
            if (string.IsNullOrEmpty(id) || !records.Any(r => Sequence(r!) == id))
                return Sequence(records[0]!);
            // Sequence numbers may have leading zeros: compare as numbers, but keep the record's own text.
            var value = BigInteger.Parse(id);
            if (lowest is null || value < lowest.Value.Value)
                lowest = (value, id);
        }
        return lowest!.Value.Id;
    }

    private static string Sequence(JsonNode record) => (string)record["dynamodb"]!["SequenceNumber"]!;

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, attempt)));
}
