using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Todo.Domain;

namespace Todo.Store.Parked;

/// <summary>The parked table's layout: keyed by todo id (partition) and the parked event's version (sort), so a todo's parked events read back in order.</summary>
public static class ParkedTable
{
    public const string EnvironmentVariable = "PARKED_TABLE";

    public const string TodoId = "todoId";
    public const string Version = "version";
    public const string Reason = "reason";
    public const string ParkedAt = "parkedAt";
    public const string SequenceNumber = "sequenceNumber";

    public static Dictionary<string, AttributeValue> Key(Guid todoId, long version) => new()
    {
        [TodoId] = new AttributeValue { S = todoId.ToString() },
        [Version] = new AttributeValue { N = version.ToString(CultureInfo.InvariantCulture) },
    };

    public static Dictionary<string, AttributeValue> ToItem(ParkedEvent parked)
    {
        var item = Key(parked.TodoId, parked.Version);
        item[Reason] = new AttributeValue { S = parked.Reason };
        item[ParkedAt] = new AttributeValue { S = Timestamp.ToText(parked.ParkedAt) };
        if (parked.SequenceNumber is { } sequence)
            item[SequenceNumber] = new AttributeValue { S = sequence };
        return item;
    }

    public static ParkedEvent FromItem(IReadOnlyDictionary<string, AttributeValue> item) => new(
        Guid.Parse(item[TodoId].S),
        long.Parse(item[Version].N, CultureInfo.InvariantCulture),
        item[Reason].S,
        Timestamp.Parse(item[ParkedAt].S),
        item.TryGetValue(SequenceNumber, out var sequence) ? sequence.S : null);
}
