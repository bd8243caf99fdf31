namespace Todo.Http;

/// <summary>A todo the client changed a moment ago, as its <see cref="RecentWritesCookie"/> names it.</summary>
/// <param name="CreatedAt">When the todo was created, which places it in the list; null when the change deleted it.</param>
public sealed record RecentWrite(Guid TodoId, DateTimeOffset? CreatedAt);
