using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Todo.Store.Idempotency;

/// <summary>The idempotency table's attribute names and item mapping (Powertools-compatible).</summary>
public static class IdempotencyTable
{
    public const string EnvironmentVariable = "IDEMPOTENCY_TABLE";

    public const string Id = "id";
    public const string Expiration = "expiration";
    public const string Status = "status";
    public const string Data = "data";
    public const string Validation = "validation";

    public static Dictionary<string, AttributeValue> Key(string id) => new() { [Id] = new AttributeValue { S = id } };

    public static Dictionary<string, AttributeValue> ToItem(IdempotencyRecord record) => new()
    {
        [Id] = new AttributeValue { S = record.Id },
        [Expiration] = new AttributeValue { N = record.Expiration.ToString(CultureInfo.InvariantCulture) },
        [Status] = new AttributeValue { S = IdempotencyRecord.Completed },
        [Data] = new AttributeValue { S = record.Data },
        [Validation] = new AttributeValue { S = record.Validation },
    };

    public static IdempotencyRecord FromItem(IReadOnlyDictionary<string, AttributeValue> item) => new(
        item[Id].S,
        long.Parse(item[Expiration].N, CultureInfo.InvariantCulture),
        item[Validation].S,
        item[Data].S);

    /// <summary>A record may be written where none is, or where the one there has expired but TTL has not yet removed it.</summary>
    public static (string Condition, Dictionary<string, string> Names, Dictionary<string, AttributeValue> Values) FreeOrExpired(DateTimeOffset now) => (
        "attribute_not_exists(#id) OR #expiration < :now",
        new Dictionary<string, string> { ["#id"] = Id, ["#expiration"] = Expiration },
        new Dictionary<string, AttributeValue> { [":now"] = new() { N = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) } });
}
