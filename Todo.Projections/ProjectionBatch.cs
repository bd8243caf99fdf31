using Todo.ReadModel;
using System.Globalization;
using Todo.Store.Events;
using Todo.Lambda.DynamoDBEvents;

namespace Todo.Projections;

/// <summary>
/// A stream batch sorted by todo: each todo's events in the order the stream gave them (which is
/// their version order, the stream keeping order per key), ready to apply one todo at a time while
/// different todos go concurrently. Records that are not INSERTs are no events and are left out.
/// </summary>
public sealed class ProjectionBatch
{
    private ProjectionBatch(IReadOnlyList<TodoLane> lanes, IReadOnlyList<BatchRecord> unplaced)
    {
        Lanes = lanes;
        Unplaced = unplaced;
    }

    /// <summary>One per todo, in the order of each todo's first record.</summary>
    public IReadOnlyList<TodoLane> Lanes { get; }

    /// <summary>
    /// The first record whose todo cannot be told (it has no readable todo id) and every record after it:
    /// none of them is applied, since the unreadable one might belong to any todo.
    /// </summary>
    public IReadOnlyList<BatchRecord> Unplaced { get; }

    public static ProjectionBatch Of(IReadOnlyList<DynamoDBEvent.DynamodbStreamRecord> records)
    {
        var lanes = new Dictionary<Guid, TodoLane>();
        var unplaced = new List<BatchRecord>();
        for (var position = 0; position < records.Count; position++)
        {
            var record = records[position];
            var at = new BatchRecord(position, record.Dynamodb?.SequenceNumber, record.EventID, record.Dynamodb?.ApproximateCreationDateTime);
            if (unplaced.Count > 0)
            {
                unplaced.Add(at);
                continue;
            }
            // Events are only ever inserted; anything else on the table's stream is not an event.
            if (record.EventName != "INSERT")
                continue;
            var (todoId, version, stored, change, problem) = Read(record);
            if (todoId is not { } id)
            {
                unplaced.Add(at);
                continue;
            }
            if (!lanes.TryGetValue(id, out var lane))
                lanes[id] = lane = new TodoLane(id);
            lane.Add(new LaneEntry(at, version, change, stored, problem));
        }
        return new ProjectionBatch([.. lanes.Values], unplaced);
    }

    /// <summary>
    /// The records to report as batch item failures, in stream order, given where each lane stopped:
    /// in every lane that stopped, the record it stopped at and every later one of that todo.
    /// </summary>
    /// <remarks>
    /// Lambda checkpoints at the lowest failed sequence number and delivers every record from there
    /// again, of every todo. Records of other todos after that point were applied (or are applied
    /// already), so on redelivery they are no-ops: their conditional writes find the item at or past
    /// their version. Reporting them would change nothing Lambda does, so they are not reported.
    /// </remarks>
    /// <param name="stoppedAt">Per lane, the index of the first of its entries that was neither applied nor parked; null when all were.</param>
    public List<string?> Failures(IReadOnlyList<int?> stoppedAt)
    {
        var failed = new List<BatchRecord>(Unplaced);
        for (var i = 0; i < Lanes.Count; i++)
        {
            if (stoppedAt[i] is { } from)
                failed.AddRange(Lanes[i].Entries.Skip(from).Select(e => e.Record));
        }
        return [.. failed.OrderBy(r => r.Position).Select(r => r.SequenceNumber)];
    }

    /// <returns>
    /// The record's todo and version, if they can be told from its keys, its event, if it is one this code
    /// knows, and its change, the state its item carries after the event, if it carries one; else why not.
    /// </returns>
    private static (Guid? TodoId, long? Version, StoredEvent? Event, ReadModelChange? Change, string? Problem) Read(DynamoDBEvent.DynamodbStreamRecord record)
    {
        var keys = record.Dynamodb?.Keys;
        Guid? todoId = Guid.TryParse(keys?.GetValueOrDefault(EventTable.TodoId)?.S, out var id) ? id : null;
        long? version = long.TryParse(keys?.GetValueOrDefault(EventTable.Version)?.N, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        try
        {
            var image = record.Dynamodb?.NewImage ?? throw new FormatException("The record has no NewImage.");
            var stored = EventCodec.FromItem(image);
            // An item written before items carried their state: only a replay from the events table can fold it.
            return EventCodec.SnapshotOf(image) is { } after
                ? (stored.TodoId, stored.Version, stored, ReadModelChange.Of(stored.TodoId, after), null)
                : (stored.TodoId, stored.Version, stored, null, "carries no state: a replay folds its stream");
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException or OverflowException)
        {
            return (todoId, version, null, null, "cannot decode: " + e.Message);
        }
    }
}
