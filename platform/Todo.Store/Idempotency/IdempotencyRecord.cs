namespace Todo.Store.Idempotency;

/// <summary>
/// A completed request kept for replay, in the layout of Powertools' DynamoDB persistence: the
/// record <c>id</c>, its <c>expiration</c> (epoch seconds, also the table's TTL), the payload's
/// <c>validation</c> hash and the response as <c>data</c>. Records are written only together with
/// the request's effect, so every record is COMPLETED.
/// </summary>
public sealed record IdempotencyRecord(string Id, long Expiration, string Validation, string Data)
{
    public const string Completed = "COMPLETED";

    /// <summary>As Powertools reads it: valid through the whole second it expires in.</summary>
    public bool HasExpired(DateTimeOffset now) => Expiration < now.ToUnixTimeSeconds();
}
