using Todo.ReadModel;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Todo.Store;
using Todo.Store.Events;
using Todo.Store.ReadTable;
using Todo.Operator.Target;

namespace Todo.Operator.Rebuild;

/// <summary>
/// Blue/green rebuild of the read model: a parallel segmented Scan of the events table, each todo folded and
/// its item written to the inactive read table with BatchWriteItem; then a catch-up of what changed meanwhile,
/// a check, the atomic switch of the pointer, and a last catch-up once no projector writes the old table any
/// more. Each segment's position is checkpointed (in the pointer table) after its page is written, so an
/// interrupted rebuild resumes where it stopped; the old table is left as it is, for a rollback.
/// </summary>
public sealed class Rebuilder(OperatorTarget target, ReadPointer pointer, RebuildOptions options, IProgress<RebuildProgress>? progress)
{
    private readonly RebuildCheckpoints checkpoints = new(target.DynamoDb, target.ReadPointerTable);
    private readonly ConcurrentDictionary<Guid, long> written = new();
    private long eventsRead;
    private long todosWritten;

    public async Task<RebuildReport> RunAsync(bool resume, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var state = await pointer.ReadAsync(cancellationToken);
        var into = pointer.Tables.Other(state.Active);
        var saved = await checkpoints.LoadAsync(cancellationToken);
        if (resume && saved is null)
            throw new OperatorException("There is no interrupted rebuild to resume.");
        if (saved is not null && !resume)
            throw new OperatorException($"A rebuild into {saved.Table} was interrupted: go on with --resume, or drop it with rebuild --abandon.");
        if (saved is not null && saved.Table != into)
            throw new OperatorException($"The interrupted rebuild wrote {saved.Table}, which has become the active table since.");
        var positions = saved?.Segments ?? Enumerable.Repeat(SegmentPosition.Start, options.Segments).ToArray();
        if (saved is null)
            await checkpoints.StartAsync(into, positions, cancellationToken);

        var total = await CountAsync(target.EventsTable, cancellationToken);
        var writer = new BatchWriter(target.DynamoDb, into, options.Rate);
        await Task.WhenAll(positions.Select((position, segment) => CopySegmentAsync(segment, positions.Length, position, writer, total, cancellationToken)));
        var copied = clock.Elapsed;
        // A resumed rebuild wrote part of the table before: what is in it is read rather than known.
        var inTarget = resume ? await VersionsAsync(into, cancellationToken) : written;

        // What was appended while the events were read: the active table is ahead of the new one there.
        var caughtUp = await SwitchOverAsync(state.Active, into, inTarget, cancellationToken);
        await checkpoints.ClearAsync(CancellationToken.None);
        return new RebuildReport(state.Active, into, Interlocked.Read(ref eventsRead), Interlocked.Read(ref todosWritten), caughtUp, copied, clock.Elapsed);
    }

    /// <summary>
    /// One segment of the Scan: each page's todos folded and written, then its position saved. The next page is
    /// read while the last one is written, so the engine is never idle between the two.
    /// </summary>
    private async Task CopySegmentAsync(int segment, int segments, SegmentPosition from, BatchWriter writer, long total, CancellationToken cancellationToken)
    {
        if (from.Done)
            return;
        var position = from;
        var writing = Task.CompletedTask;
        var scan = new ScanRequest
        {
            TableName = target.EventsTable,
            Segment = segment,
            TotalSegments = segments,
            ConsistentRead = true,
            ExclusiveStartKey = from.Key,
        };
        try
        {
            await foreach (var page in target.DynamoDb.ScanPagesAsync(scan, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var events = (page.Items ?? []).Where(i => i[EventTable.TodoId].S != position.SkipTodo).ToList();
                var byTodo = events.GroupBy(i => i[EventTable.TodoId].S).ToDictionary(g => g.Key, g => g.ToList());
                var next = Pages.Next(page.LastEvaluatedKey);
                string? split = null;
                if (next is not null && events.Count > 0)
                {
                    // A todo's events are contiguous in its segment; the page's last todo may go on in the next page: read its rest now.
                    split = events[^1][EventTable.TodoId].S;
                    byTodo[split].AddRange(await EventItems.OfTodoAsync(target.DynamoDb, target.EventsTable, Guid.Parse(split), cancellationToken,
                        afterVersion: long.Parse(next[EventTable.Version].N, CultureInfo.InvariantCulture)));
                }
                var items = byTodo.Values.Select(ItemOf).OfType<Dictionary<string, AttributeValue>>()
                    .Select(item => ReadModelItem.Stamped(item, pointer.Clock.GetUtcNow())).ToList();
                position = new SegmentPosition(next, split, next is null);
                // Positions are saved in order, each once its page is written: a resume never skips a todo (and rewrites at most one page).
                await writing;
                writing = WritePageAsync(segment, items, position, writer, page.Items?.Count ?? 0, byTodo.Count, total);
            }
        }
        finally
        {
            // Not even Ctrl-C leaves a page half-written with its position unsaved.
            await writing;
        }
    }

    private async Task WritePageAsync(int segment, List<Dictionary<string, AttributeValue>> items, SegmentPosition position, BatchWriter writer,
        int eventCount, int todoCount, long total)
    {
        await writer.PutAsync(items, CancellationToken.None);
        foreach (var item in items)
            written[Guid.Parse(item[TodoTable.TodoId].S)] = TodoTable.VersionOf(item);
        await checkpoints.SaveAsync(segment, position, CancellationToken.None);
        var todos = Interlocked.Add(ref todosWritten, todoCount);
        var read = Interlocked.Add(ref eventsRead, eventCount);
        progress?.Report(new RebuildProgress(read, total, todos));
    }

    /// <summary>
    /// The item a todo's events give; null for events that do not read or project (a parked todo): the catch-up
    /// copies its item, stale mark and all, from the active table.
    /// </summary>
    private static Dictionary<string, AttributeValue>? ItemOf(List<Dictionary<string, AttributeValue>> events)
    {
        try
        {
            return EventItems.ExpectedItem(events);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Makes <paramref name="to"/> the active read table in place of <paramref name="from"/>: what <paramref name="from"/>
    /// has newer is copied over before the switch, and again once no projector writes <paramref name="from"/> any more.
    /// </summary>
    /// <returns>How many todos it caught up.</returns>
    public async Task<int> SwitchOverAsync(string from, string to, CancellationToken cancellationToken) =>
        await SwitchOverAsync(from, to, await VersionsAsync(to, cancellationToken), cancellationToken);

    private async Task<int> SwitchOverAsync(string from, string to, ConcurrentDictionary<Guid, long> behind, CancellationToken cancellationToken)
    {
        var caughtUp = await CatchUpAsync(from, to, behind, cancellationToken);
        if (!await pointer.SwitchAsync(from, to, CancellationToken.None))
            throw new OperatorException("The pointer moved meanwhile (another rebuild or a rollback): nothing was switched.");
        // Once every projector has read the new pointer, nothing writes the old table: what reached it last is copied over.
        await Task.Delay(ReadPointer.SwitchSettlesWithin, CancellationToken.None);
        return caughtUp + await CatchUpAsync(from, to, behind, CancellationToken.None);
    }

    /// <summary>Every todo whose item in <paramref name="from"/> is ahead of the one in <paramref name="to"/>, re-folded from its events into <paramref name="to"/>.</summary>
    /// <param name="behind">Each todo's version in <paramref name="to"/>; brought up to date with what this rewrites.</param>
    /// <returns>How many todos it rewrote.</returns>
    private async Task<int> CatchUpAsync(string from, string to, ConcurrentDictionary<Guid, long> behind, CancellationToken cancellationToken)
    {
        var ahead = await ListedVersionsAsync(from, cancellationToken);
        var stale = ahead.Where(a => a.Value.Version > behind.GetValueOrDefault(a.Key)).ToList();
        var replay = new TodoReplay(target.Events, new ReadModelWriter(target.DynamoDb, to, pointer.Clock), target.Parked);
        foreach (var (id, (version, listId)) in stale)
        {
            try
            {
                await replay.ReplayAsync(id, dryRun: false, cancellationToken);
                behind[id] = version;
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                // Events that still do not read: the todo stays parked, its item as the active table has it.
                if (await new ReadModelWriter(target.DynamoDb, from, pointer.Clock).ReadAsync(listId, id, cancellationToken) is { } item)
                    await target.DynamoDb.PutItemAsync(new PutItemRequest { TableName = to, Item = item }, cancellationToken);
            }
        }
        return stale.Count;
    }

    /// <returns>Each todo's version in <paramref name="table"/>.</returns>
    private async Task<ConcurrentDictionary<Guid, long>> VersionsAsync(string table, CancellationToken cancellationToken) =>
        new((await ListedVersionsAsync(table, cancellationToken)).Select(v => KeyValuePair.Create(v.Key, v.Value.Version)));

    /// <returns>Each todo's version in <paramref name="table"/>, and the list its item is in.</returns>
    private async Task<ConcurrentDictionary<Guid, (long Version, string ListId)>> ListedVersionsAsync(string table, CancellationToken cancellationToken)
    {
        var versions = new ConcurrentDictionary<Guid, (long Version, string ListId)>();
        await EventItems.ScanAsync(target.DynamoDb, table, options.Segments, page =>
        {
            foreach (var item in page)
                versions[Guid.Parse(item[TodoTable.TodoId].S)] = (TodoTable.VersionOf(item), item[TodoTable.ListId].S);
        }, cancellationToken, projection: [TodoTable.ListId, TodoTable.TodoId, TodoTable.Version]);
        return versions;
    }

    private async Task<long> CountAsync(string table, CancellationToken cancellationToken) =>
        (await target.DynamoDb.DescribeTableAsync(table, cancellationToken)).Table.ItemCount ?? 0;
}
