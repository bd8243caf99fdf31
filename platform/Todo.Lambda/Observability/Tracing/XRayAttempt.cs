namespace Todo.Lambda.Observability.Tracing;

/// <summary>A failed attempt of a retried call: when it failed, and its details (attempt, error code, status).</summary>
public sealed record XRayAttempt(DateTimeOffset At, IReadOnlyList<KeyValuePair<string, string?>> Fields);
