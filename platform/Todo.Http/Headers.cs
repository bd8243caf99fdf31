namespace Todo.Http;

/// <summary>The header names of the API's consistency and retry contract.</summary>
public static class Headers
{
    public const string ContentType = "Content-Type";
    public const string ETag = "ETag";
    public const string IfMatch = "If-Match";
    public const string IdempotencyKey = "Idempotency-Key";
    public const string IdempotentReplayed = "Idempotent-Replayed";
    /// <summary>On a command's answer: <c>&lt;todoId&gt;:&lt;version&gt;</c>, the version it produced.</summary>
    public const string VersionToken = "X-Version-Token";
    /// <summary>On a read: one or more version tokens the answer must not be older than.</summary>
    public const string MinVersion = "X-Min-Version";
    /// <summary>On a 503: how many seconds to wait before trying again.</summary>
    public const string RetryAfter = "Retry-After";
    /// <summary>On a page of the list: where the next page starts.</summary>
    public const string NextCursor = "X-Next-Cursor";
}
