namespace Todo.Domain.Commands;

/// <summary>An intention to change one todo, already validated into domain values.</summary>
public abstract record TodoCommand;

public sealed record CreateTodo(TodoText Text, DateTimeOffset Now) : TodoCommand;

/// <summary>A partial update: a null field is left as it is.</summary>
public sealed record UpdateTodo(TodoText? Text, bool? Completed) : TodoCommand;

public sealed record DeleteTodo : TodoCommand;
