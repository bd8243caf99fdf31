namespace Todo.Domain.Commands;

/// <summary>An intention to change one todo, already validated into domain values.</summary>
/// <param name="Caller">The user who sends it (their Cognito <c>sub</c>); null on an open API, whose todos all share one list.</param>
public abstract record TodoCommand(string? Caller);

/// <summary>The caller becomes the new todo's owner.</summary>
public sealed record CreateTodo(TodoText Text, DateTimeOffset Now, string? Caller = null) : TodoCommand(Caller);

/// <summary>A partial update: a null field is left as it is.</summary>
public sealed record UpdateTodo(TodoText? Text, bool? Completed, string? Caller = null) : TodoCommand(Caller);

public sealed record DeleteTodo(string? Caller = null) : TodoCommand(Caller);
