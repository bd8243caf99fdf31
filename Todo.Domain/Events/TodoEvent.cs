namespace Todo.Domain.Events;

/// <summary>Something that happened to one todo. Events are facts: they are never changed or removed.</summary>
public abstract record TodoEvent;

/// <param name="Owner">The user the todo belongs to; null for a todo of the shared list (an open API, or created before there were users).</param>
public sealed record TodoCreated(string Text, DateTimeOffset CreatedAt, string? Owner = null) : TodoEvent;

public sealed record TodoTextChanged(string Text) : TodoEvent;

public sealed record TodoCompleted : TodoEvent;

public sealed record TodoReopened : TodoEvent;

public sealed record TodoDeleted : TodoEvent;
