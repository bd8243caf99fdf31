using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Domain;
using Todo.Adapters.ReadModel;

namespace Todo.Projections;

/// <summary>
/// Applies a <see cref="ReadModelChange"/> (one event's, or a run's of one todo) with one conditional
/// UpdateItem and no read.
/// </summary>
public sealed class ReadModelWriter(IAmazonDynamoDB dynamoDb, string tableName)
{
    public async Task<ApplyResult> ApplyAsync(ReadModelChange change, CancellationToken cancellationToken)
    {
        var request = Request(change);
        try
        {
            await dynamoDb.UpdateItemAsync(request, cancellationToken);
            return new ApplyResult(Written: true, change.Version);
        }
        catch (ConditionalCheckFailedException e)
        {
            // The failed condition returns the item as it is, so telling a redelivery from a gap costs no read.
            var current = e.Item is { } item && item.TryGetValue(TodoTable.Version, out var version)
                ? long.Parse(version.N, CultureInfo.InvariantCulture)
                : 0;
            return new ApplyResult(Written: false, current);
        }
    }

    private UpdateItemRequest Request(ReadModelChange change)
    {
        var names = new Dictionary<string, string> { ["#version"] = TodoTable.Version };
        var values = new Dictionary<string, AttributeValue> { [":version"] = Number(change.Version) };
        var sets = new List<string> { "#version = :version" };
        var removes = new List<string>();

        void Set(string attribute, AttributeValue value)
        {
            names["#" + attribute] = attribute;
            values[":" + attribute] = value;
            sets.Add($"#{attribute} = :{attribute}");
        }

        if (change.Text is { } text)
            Set(TodoTable.Text, new AttributeValue { S = text });
        if (change.Completed is { } completed)
            Set(TodoTable.Completed, new AttributeValue { BOOL = completed });
        if (change.CreatedAt is { } createdAt)
        {
            Set(TodoTable.CreatedAt, new AttributeValue { S = Timestamp.ToText(createdAt) });
            // A todo created and deleted in one change never enters the index (one update cannot SET and REMOVE an attribute).
            if (!change.Deleted)
                Set(TodoTable.CreatedAtKey, new AttributeValue { S = TodoTable.SortKey(change.TodoId, createdAt) });
        }
        if (change.Deleted)
        {
            Set(TodoTable.Deleted, new AttributeValue { BOOL = true });
            names["#" + TodoTable.CreatedAtKey] = TodoTable.CreatedAtKey;
            removes.Add("#" + TodoTable.CreatedAtKey);
        }

        string condition;
        if (change.PreviousVersion == 0)
            condition = "attribute_not_exists(#version)";
        else
        {
            values[":previous"] = Number(change.PreviousVersion);
            condition = "#version = :previous";
        }

        return new UpdateItemRequest
        {
            TableName = tableName,
            Key = TodoTable.Key(change.ListId, change.TodoId),
            UpdateExpression = "SET " + string.Join(", ", sets) + (removes.Count > 0 ? " REMOVE " + string.Join(", ", removes) : ""),
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
    }

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
