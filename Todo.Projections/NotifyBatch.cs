using Todo.Http;
using Todo.Lambda.DynamoDBEvents;
using Todo.Live;
using Todo.Store.ReadTable;

namespace Todo.Projections;

/// <summary>
/// A read table's stream batch as the notifier pushes it: the changes, grouped by list in the order of each list's
/// first, each list's in the batch's order (so each todo's in version order: the stream keeps order per key). A record
/// is a change when it is from the active read table (a rebuild's writes to the other are no news), writes a state
/// (INSERT or MODIFY; a REMOVE is an operator's cleanup), and leaves the item at a version, unparked, newer than the
/// todo's earlier record in the batch (a parked mark, or a stamp written again, holds a state already sent). Any other
/// record is passed over, with why; one that cannot be read is too, and the rest of the batch goes on.
/// </summary>
public sealed class NotifyBatch
{
    private NotifyBatch(IReadOnlyList<IGrouping<string, LiveChange>> lists, IReadOnlyList<(BatchRecord Record, string Reason)> passedOver)
    {
        Lists = lists;
        PassedOver = passedOver;
    }

    public IReadOnlyList<IGrouping<string, LiveChange>> Lists { get; }

    public IReadOnlyList<(BatchRecord Record, string Reason)> PassedOver { get; }

    public int Count => Lists.Sum(list => list.Count());

    public static NotifyBatch Of(IReadOnlyList<DynamoDBEvent.DynamodbStreamRecord> records, string activeTable)
    {
        var changes = new List<LiveChange>();
        var passedOver = new List<(BatchRecord, string)>();
        var newest = new Dictionary<Guid, long>();
        for (var position = 0; position < records.Count; position++)
        {
            var record = records[position];
            var at = new BatchRecord(position, record.Dynamodb?.SequenceNumber, record.EventID, record.Dynamodb?.ApproximateCreationDateTime);
            try
            {
                if (Change(record, at, activeTable, out var reason) is not { } change)
                    passedOver.Add((at, reason!));
                else if (newest.TryGetValue(change.TodoId, out var sent) && change.Version <= sent)
                    passedOver.Add((at, $"version {change.Version} of {change.TodoId}, not newer than version {sent} before it in the batch"));
                else
                {
                    newest[change.TodoId] = change.Version;
                    changes.Add(change);
                }
            }
            catch (Exception e) when (e is FormatException or KeyNotFoundException or OverflowException or ArgumentException)
            {
                passedOver.Add((at, "cannot read the item: " + e.Message));
            }
        }
        return new NotifyBatch([.. changes.GroupBy(c => c.ListId)], passedOver);
    }

    /// <summary>The read table a stream's ARN names: <c>arn:aws:dynamodb:region:account:table/NAME/stream/LABEL</c>.</summary>
    public static string? TableOf(string? streamArn) =>
        streamArn?.Split(':', 6) is [.., var resource] && resource.Split('/') is ["table", var table, ..] ? table : null;

    private static LiveChange? Change(DynamoDBEvent.DynamodbStreamRecord record, BatchRecord at, string activeTable, out string? reason)
    {
        reason = null;
        var table = TableOf(record.EventSourceArn);
        if (table != activeTable)
            reason = $"from {table ?? "an unknown table"}, not the active read table {activeTable}";
        else if (record.EventName is not ("INSERT" or "MODIFY"))
            reason = $"a {record.EventName ?? "record without an event name"}, not a write of a state";
        else if (record.Dynamodb?.NewImage is not { Count: > 0 } item)
            reason = "no new image";
        else if (item.ContainsKey(TodoTable.ParkedAt))
            reason = "the item is parked: it holds a state already sent";
        else if (!item.ContainsKey(TodoTable.Version))
            reason = "the item holds no state";
        else if (item.GetValueOrDefault(TodoTable.ListId)?.S is not { } listId)
            reason = "the item names no list";
        else
        {
            var change = TodoChange.From(item);
            return new LiveChange(at, listId, Guid.Parse(change.Id), change.Version, ChangeMessage.Of(change));
        }
        return null;
    }
}
