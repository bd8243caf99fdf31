using Todo.ReadModel;
using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Model;
using Todo.Store.Events;
using Todo.Store.ReadTable;
using Todo.Operator.Target;

namespace Todo.Operator.Verification;

/// <summary>
/// Re-folds todos from the events table and compares the read table with what they give. While commands
/// keep coming, the projector may simply not have applied the newest events yet: a todo that differs is
/// read again (its events and item, consistently) a few times, and only a difference that stays is reported.
/// </summary>
public sealed class Verifier(OperatorTarget target)
{
    private const int Segments = 4;
    private const int Rechecks = 5;
    private static readonly TimeSpan RecheckWait = TimeSpan.FromMilliseconds(200);

    /// <summary>Every todo: a segmented Scan of both tables.</summary>
    public async Task<VerifyReport> AllAsync(CancellationToken cancellationToken)
    {
        var events = new ConcurrentDictionary<Guid, ConcurrentBag<Dictionary<string, AttributeValue>>>();
        var items = new ConcurrentDictionary<Guid, Dictionary<string, AttributeValue>>();
        await Task.WhenAll(
            EventItems.ScanAsync(target.DynamoDb, target.EventsTable, Segments, page =>
            {
                foreach (var item in page)
                    events.GetOrAdd(Guid.Parse(item[EventTable.TodoId].S), _ => []).Add(item);
            }, cancellationToken),
            EventItems.ScanAsync(target.DynamoDb, await target.TodosTableAsync(cancellationToken), Segments, page =>
            {
                foreach (var item in page)
                    items[Guid.Parse(item[TodoTable.TodoId].S)] = item;
            }, cancellationToken));
        var ids = events.Keys.Union(items.Keys).ToList();
        var first = ids.Select(id => Compare(id, events.GetValueOrDefault(id), items.GetValueOrDefault(id))).OfType<Difference>().ToList();
        return new VerifyReport(ids.Count, await ConfirmAsync(first, cancellationToken));
    }

    /// <summary>Some todos by id: a Query of each one's events and a GetItem of its read item.</summary>
    public async Task<VerifyReport> TodosAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var first = new List<Difference>();
        foreach (var id in ids)
            if (await CheckAsync(id, cancellationToken) is { } difference)
                first.Add(difference);
        return new VerifyReport(ids.Count, await ConfirmAsync(first, cancellationToken));
    }

    /// <summary><paramref name="count"/> todos drawn at random from the events table (a Scan of its keys only).</summary>
    public async Task<VerifyReport> SampleAsync(int count, CancellationToken cancellationToken)
    {
        var ids = new ConcurrentDictionary<Guid, byte>();
        await EventItems.ScanAsync(target.DynamoDb, target.EventsTable, Segments, page =>
        {
            foreach (var item in page)
                ids.TryAdd(Guid.Parse(item[EventTable.TodoId].S), 0);
        }, cancellationToken);
        return await TodosAsync([.. ids.Keys.OrderBy(_ => Random.Shared.Next()).Take(count)], cancellationToken);
    }

    /// <summary>The todo's read item is in its owner's list, which its event items name (none: the shared list).</summary>
    public async Task<Difference?> CheckAsync(Guid id, CancellationToken cancellationToken)
    {
        var events = await EventItems.OfTodoAsync(target.DynamoDb, target.EventsTable, id, cancellationToken);
        return Compare(id, events, await target.Writer.ReadAsync(ListOf(events), id, cancellationToken));
    }

    private static string ListOf(IEnumerable<Dictionary<string, AttributeValue>>? events) =>
        TodoTable.ListOf(events?.Select(e => e.GetValueOrDefault(EventTable.Owner)?.S).FirstOrDefault());

    private static Difference? Compare(Guid id, IEnumerable<Dictionary<string, AttributeValue>>? events, Dictionary<string, AttributeValue>? item)
    {
        Dictionary<string, AttributeValue>? expected;
        try
        {
            expected = events is null ? null : EventItems.ExpectedItem(events);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return item?.ContainsKey(TodoTable.ParkedAt) == true
                ? ReadModelDiff.Compare(id, null, item)
                : new Difference(id, DifferenceKind.Unreadable, [], e.Message);
        }
        return ReadModelDiff.Compare(id, expected, item);
    }

    /// <summary>Each difference read again until it is gone (the projection caught up) or the rechecks are used up.</summary>
    private async Task<List<Difference>> ConfirmAsync(List<Difference> candidates, CancellationToken cancellationToken)
    {
        for (var round = 0; round < Rechecks && candidates.Any(d => d.Kind != DifferenceKind.Parked); round++)
        {
            await Task.Delay(RecheckWait, cancellationToken);
            var still = new List<Difference>();
            foreach (var candidate in candidates)
            {
                var difference = candidate.Kind == DifferenceKind.Parked ? candidate : await CheckAsync(candidate.TodoId, cancellationToken);
                if (difference is not null)
                    still.Add(difference);
            }
            candidates = still;
        }
        return [.. candidates.OrderBy(d => d.Kind).ThenBy(d => d.TodoId)];
    }

    /// <summary>
    /// Rewrites what differs, idempotently: a missing or differing item from its todo's events, conditional on
    /// version (a newer projection is never overwritten); an extra item deleted only as it was seen. Parked
    /// and unreadable todos are left to <c>parked redrive</c>.
    /// </summary>
    /// <returns>The differences repaired.</returns>
    public async Task<List<Difference>> RepairAsync(IEnumerable<Difference> differences, CancellationToken cancellationToken)
    {
        var repaired = new List<Difference>();
        foreach (var difference in differences)
        {
            switch (difference.Kind)
            {
                case DifferenceKind.Missing or DifferenceKind.Differing:
                    await target.Replay.ReplayAsync(difference.TodoId, dryRun: false, cancellationToken);
                    break;
                case DifferenceKind.Extra:
                    // An item no events stand for has no owner to name: it is looked for in the shared list, as it was found.
                    if (await target.Writer.ReadAsync(TodoTable.DefaultList, difference.TodoId, cancellationToken) is { } item)
                        await target.Writer.DeleteAsync(TodoTable.DefaultList, difference.TodoId, TodoTable.VersionOf(item), cancellationToken);
                    break;
                default:
                    continue;
            }
            if (await CheckAsync(difference.TodoId, cancellationToken) is null)
                repaired.Add(difference);
        }
        return repaired;
    }
}

/// <summary>How many todos were checked, and those whose read item is not what their events give.</summary>
public sealed record VerifyReport(int Checked, IReadOnlyList<Difference> Differences)
{
    public int Count(DifferenceKind kind) => Differences.Count(d => d.Kind == kind);
}
