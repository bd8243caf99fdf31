using Todo.Lambda.Core;
using Todo.Lambda.DynamoDBEvents;
using Todo.Lambda.Observability;
using Todo.Live.ApiGatewayManagementApi;
using Todo.Live.Connections;
using Todo.Store.ReadTable;

namespace Todo.Projections;

/// <summary>
/// Pushes each change of the read tables' streams to the live connections of its list: a record on the active read
/// table's stream is a write that has committed, so the change is readable when it is sent. The projection never waits
/// for it, its own stream being the events table's. Per batch: the pointer read once (cached), one query of each list's
/// connections, then every connection sent its list's changes in the batch's order, connections concurrently, at most
/// <see cref="Concurrency"/> posts at once. Pushes are best effort, the changes feed being what a client catches up from:
/// a post gets <see cref="PostTimeout"/>, the whole batch <see cref="BatchTimeout"/> (well inside the function's own
/// timeout), the first failure or timeout of a connection ends its pushes for the batch (its client sees the gap at its
/// next push, or reads the feed as it reconnects), a 410 deletes its record, and the batch always succeeds: a push never
/// holds the stream back, and a record never fails the batch.
/// </summary>
public sealed class NotifierFunction(
    ReadPointer pointer,
    ConnectionStore connections,
    AmazonApiGatewayManagementApiClient management,
    NotifierTelemetry? telemetry = null,
    TimeSpan? postTimeout = null,
    TimeSpan? batchTimeout = null)
    : DynamoDBStreamFunction(telemetry?.Function ?? FunctionTelemetry.Silent)
{
    /// <summary>How many posts (and queries of a list's connections) are in flight at once.</summary>
    public const int Concurrency = 32;

    public static readonly TimeSpan DefaultPostTimeout = TimeSpan.FromSeconds(2);

    /// <summary>With the template's 10-second timeout, a batch that runs out of time still returns with time to spare.</summary>
    public static readonly TimeSpan DefaultBatchTimeout = TimeSpan.FromSeconds(6);

    private readonly NotifierTelemetry records = telemetry ?? new NotifierTelemetry(FunctionTelemetry.Silent);

    public TimeSpan PostTimeout { get; } = postTimeout ?? DefaultPostTimeout;

    public TimeSpan BatchTimeout { get; } = batchTimeout ?? DefaultBatchTimeout;

    public override async Task<StreamsEventResponse> HandleAsync(DynamoDBEvent streamEvent, ILambdaContext context, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A function given less time than that (the local host's tests) still keeps a post's time in hand.
        var budget = context.RemainingTime - PostTimeout;
        deadline.CancelAfter(budget > BatchTimeout ? BatchTimeout : budget > TimeSpan.Zero ? budget : TimeSpan.Zero);
        var tally = new PushTally();
        try
        {
            var batch = NotifyBatch.Of(streamEvent.Records, await pointer.ActiveAsync(deadline.Token));
            records.PassedOver(batch.PassedOver);
            var followed = new List<(string ConnectionId, IGrouping<string, LiveChange> Changes)>[batch.Lists.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, batch.Lists.Count), Options,
                async (list, _) => followed[list] = await FollowersAsync(batch.Lists[list], tally, deadline.Token));
            await Parallel.ForEachAsync(followed.SelectMany(list => list), Options,
                async (target, _) => await PushAsync(target.ConnectionId, target.Changes, tally, deadline.Token));
        }
        catch (Exception e)
        {
            records.NothingPushed(streamEvent.Records.Count, e);
        }
        records.Counted(tally.Pushed, tally.Gone, tally.Failed);
        return new StreamsEventResponse();
    }

    // The work itself watches the deadline: each item ends on its own, counted, rather than the loop throwing.
    private static ParallelOptions Options => new() { MaxDegreeOfParallelism = Concurrency };

    /// <returns>Each connection following the list, with the list's changes; none when they could not be read.</returns>
    private async Task<List<(string, IGrouping<string, LiveChange>)>> FollowersAsync(IGrouping<string, LiveChange> list, PushTally tally, CancellationToken deadline)
    {
        try
        {
            return [.. (await connections.ListAsync(list.Key, deadline)).Select(connection => (connection, list))];
        }
        catch (Exception e)
        {
            records.ListNotRead(list.Key, list.Count(), e);
            tally.AddFailed(list.Count());
            return [];
        }
    }

    /// <summary>Sends the connection its list's changes one by one, in order, until they are all sent or one is not.</summary>
    private async Task PushAsync(string connectionId, IGrouping<string, LiveChange> list, PushTally tally, CancellationToken deadline)
    {
        var changes = list.ToList();
        for (var i = 0; i < changes.Count; i++)
        {
            using var post = CancellationTokenSource.CreateLinkedTokenSource(deadline);
            post.CancelAfter(PostTimeout);
            try
            {
                await management.PostToConnectionAsync(connectionId, changes[i].Message, post.Token);
                tally.AddPushed();
                records.Pushed(changes[i], connectionId);
            }
            catch (GoneException)
            {
                tally.AddGone();
                var (deleted, error) = await ForgetAsync(list.Key, connectionId, deadline);
                records.Gone(changes[i], connectionId, deleted, error);
                return;
            }
            catch (Exception e)
            {
                tally.AddFailed(changes.Count - i);
                records.NotPushed(changes[i], connectionId, changes.Count - i, e, timedOut: post.IsCancellationRequested);
                return;
            }
        }
    }

    /// <returns>Whether the gone connection's record was deleted (not when it may still be handshaking), or why it could not be (TTL removes it then).</returns>
    private async Task<(bool Deleted, Exception? Error)> ForgetAsync(string listId, string connectionId, CancellationToken deadline)
    {
        try
        {
            return (await connections.ForgetGoneAsync(listId, connectionId, pointer.Clock.GetUtcNow(), deadline), null);
        }
        catch (Exception e)
        {
            return (false, e);
        }
    }

    /// <summary>The batch's counts, added to by concurrent pushes.</summary>
    private sealed class PushTally
    {
        private int pushed;
        private int gone;
        private int failed;

        public int Pushed => pushed;
        public int Gone => gone;
        public int Failed => failed;

        public void AddPushed() => Interlocked.Increment(ref pushed);
        public void AddGone() => Interlocked.Increment(ref gone);
        public void AddFailed(int count) => Interlocked.Add(ref failed, count);
    }
}
