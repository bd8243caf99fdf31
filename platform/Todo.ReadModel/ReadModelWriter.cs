using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Domain;
using Todo.Store.Events;
using Todo.Store.ReadTable;

namespace Todo.ReadModel;

/// <summary>
/// Applies a <see cref="ReadModelChange"/> (one event's, or a run's of one todo) with one conditional
/// UpdateItem that writes the state it leaves, and no read; never to a parked todo, whose item stays as it was until it is redriven.
/// Every write of a state stamps the item's <see cref="TodoTable.ChangeKey"/> by <paramref name="clock"/>.
/// </summary>
public sealed class ReadModelWriter(IAmazonDynamoDB dynamoDb, Func<CancellationToken, Task<string>> table, TimeProvider clock)
{
    /// <summary>
    /// How long after its stamp a state's write may commit. The changes feed reads a key once its settle time has passed
    /// it, trusting the write to be readable by then; a write that took longer (the SDK's retries, a stalled connection)
    /// is stamped again, once (<see cref="StampAgainIfLateAsync"/>): only a stamp's own write taking longer than the
    /// settle time's margin could then pass a reader by.
    /// </summary>
    public static readonly TimeSpan MaxStampAge = TimeSpan.FromSeconds(1);

    /// <summary>Writes one table, whichever is active.</summary>
    public ReadModelWriter(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider clock) : this(dynamoDb, _ => Task.FromResult(tableName), clock) { }

    /// <summary>
    /// Writes the active read table, as the pointer says at each write (the projector: it follows a rebuild's switch),
    /// and stamps changes by the pointer's clock.
    /// </summary>
    public ReadModelWriter(IAmazonDynamoDB dynamoDb, ReadPointer pointer) : this(dynamoDb, pointer.ActiveAsync, pointer.Clock) { }

    public async Task<ApplyResult> ApplyAsync(ReadModelChange change, CancellationToken cancellationToken)
    {
        // The whole item of the state, as an UpdateItem (the projector's one write permission): every attribute
        // the state has is set and every other one removed, so only the parked mark, which the condition rules out, could stay.
        var whole = ReadModelItem.Of(change.TodoId, change.After);
        var tableName = await table(cancellationToken);
        var stampedAt = clock.GetUtcNow();
        var names = new Dictionary<string, string> { ["#parked"] = TodoTable.ParkedAt, ["#changeKey"] = TodoTable.ChangeKey };
        var values = new Dictionary<string, AttributeValue> { [":changeKey"] = ChangeKey(change.TodoId, stampedAt) };
        var sets = new List<string> { "#changeKey = :changeKey" };
        var removes = new List<string>();
        foreach (var attribute in ReadModelItem.StateAttributes)
        {
            names["#" + attribute] = attribute;
            if (whole.TryGetValue(attribute, out var value))
            {
                values[":" + attribute] = value;
                sets.Add($"#{attribute} = :{attribute}");
            }
            else
                removes.Add("#" + attribute);
        }
        if (change.PreviousVersion > 0)
            values[":previous"] = Number(change.PreviousVersion);
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = TodoTable.Key(change.ListId, change.TodoId),
            UpdateExpression = "SET " + string.Join(", ", sets) + (removes.Count > 0 ? " REMOVE " + string.Join(", ", removes) : ""),
            // The state replaces the whole item, so it may land on any version from the run's predecessor on.
            ConditionExpression = "attribute_not_exists(#parked) AND " + (change.PreviousVersion == 0
                ? "(attribute_not_exists(#version) OR #version < :version)"
                : "#version >= :previous AND #version < :version"),
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        try
        {
            await dynamoDb.UpdateItemAsync(request, cancellationToken);
            await StampAgainIfLateAsync(tableName, change.ListId, change.TodoId, change.Version, stampedAt, cancellationToken);
            return new ApplyResult(Written: true, change.Version);
        }
        catch (ConditionalCheckFailedException e)
        {
            // The failed condition returns the item as it is, so telling a redelivery from a gap costs no read.
            var current = e.Item is { Count: > 0 } item ? TodoTable.VersionOf(item) : 0;
            return new ApplyResult(Written: false, current, Parked: e.Item?.ContainsKey(TodoTable.ParkedAt) == true);
        }
    }

    /// <summary>The todo's read item as it is (a consistent read), or null when it has none.</summary>
    public async Task<Dictionary<string, AttributeValue>?> ReadAsync(string listId, Guid todoId, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest { TableName = await table(cancellationToken), Key = TodoTable.Key(listId, todoId), ConsistentRead = true }, cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>Deletes a read item that no events stand for, only as it was seen: at <paramref name="version"/>, unparked.</summary>
    /// <returns>Whether it was deleted.</returns>
    public async Task<bool> DeleteAsync(string listId, Guid todoId, long version, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = await table(cancellationToken),
                Key = TodoTable.Key(listId, todoId),
                ConditionExpression = version == 0 ? "attribute_not_exists(#version)" : "#version = :version",
                ExpressionAttributeNames = new() { ["#version"] = TodoTable.Version },
                ExpressionAttributeValues = version == 0 ? null : new() { [":version"] = Number(version) },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>Takes the stale mark off a parked todo's item, leaving it as it is (<c>parked discard</c>).</summary>
    public async Task ClearParkedAsync(string listId, Guid todoId, CancellationToken cancellationToken) =>
        await dynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = await table(cancellationToken),
            Key = TodoTable.Key(listId, todoId),
            UpdateExpression = "REMOVE #parked",
            ConditionExpression = "attribute_exists(#parked)",
            ExpressionAttributeNames = new() { ["#parked"] = TodoTable.ParkedAt },
        }, cancellationToken);

    /// <summary>Marks the todo's item stale, creating an item of just the mark for a todo that has none; a mark already there stays.</summary>
    public async Task MarkParkedAsync(string listId, Guid todoId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await dynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = await table(cancellationToken),
            Key = TodoTable.Key(listId, todoId),
            UpdateExpression = "SET #parked = if_not_exists(#parked, :now)",
            ExpressionAttributeNames = new() { ["#parked"] = TodoTable.ParkedAt },
            ExpressionAttributeValues = new() { [":now"] = new AttributeValue { S = Timestamp.ToText(now) } },
        }, cancellationToken);

    /// <summary>
    /// Writes the whole item of the todo's state (<see cref="ReadModelItem"/>) over whatever is there, parked
    /// mark included, unless the item is at a newer version already: a projection that moved on is never undone.
    /// </summary>
    /// <returns>Whether it was written.</returns>
    public async Task<bool> ReplaceAsync(Guid todoId, Snapshot state, CancellationToken cancellationToken)
    {
        var tableName = await table(cancellationToken);
        var stampedAt = clock.GetUtcNow();
        var item = ReadModelItem.Stamped(ReadModelItem.Of(todoId, state), stampedAt);
        try
        {
            await dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = item,
                ConditionExpression = "attribute_not_exists(#version) OR #version <= :version",
                ExpressionAttributeNames = new() { ["#version"] = TodoTable.Version },
                ExpressionAttributeValues = new() { [":version"] = Number(state.Version) },
            }, cancellationToken);
            await StampAgainIfLateAsync(tableName, item[TodoTable.ListId].S, todoId, state.Version, stampedAt, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stamps the item again when its write committed more than <see cref="MaxStampAge"/> after its stamp, if it is still at
    /// <paramref name="version"/> (a later write has a stamp of its own). Once: were every write that slow, stamping
    /// again and again would hold the projection up for good.
    /// </summary>
    private async Task StampAgainIfLateAsync(string tableName, string listId, Guid todoId, long version, DateTimeOffset stampedAt, CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - stampedAt <= MaxStampAge)
            return;
        try
        {
            await dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = TodoTable.Key(listId, todoId),
                UpdateExpression = "SET #changeKey = :changeKey",
                ConditionExpression = "#version = :version",
                ExpressionAttributeNames = new() { ["#changeKey"] = TodoTable.ChangeKey, ["#version"] = TodoTable.Version },
                ExpressionAttributeValues = new() { [":changeKey"] = ChangeKey(todoId, clock.GetUtcNow()), [":version"] = Number(version) },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Written again meanwhile, with a stamp of its own.
        }
    }

    private static AttributeValue ChangeKey(Guid todoId, DateTimeOffset stampedAt) => new() { S = TodoTable.ChangeKeyOf(todoId, stampedAt) };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
