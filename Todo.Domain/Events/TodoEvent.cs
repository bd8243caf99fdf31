namespace Todo.Domain.Events;

/// <summary>Something that happened to one todo. Events are facts: they are never changed or removed.</summary>
public abstract record TodoEvent;

public sealed record TodoCreated(string Text, DateTimeOffset CreatedAt) : TodoEvent;

public sealed record TodoTextChanged(string Text) : TodoEvent;

public sealed record TodoCompleted : TodoEvent;

public sealed record TodoReopened : TodoEvent;

public sealed record TodoDeleted : TodoEvent;
