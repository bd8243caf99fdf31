using Todo.Domain;

namespace Todo.Commands.Requests;

/// <summary>The fields a command request body carries; null where the body leaves a field out.</summary>
public sealed record TodoFields(TodoText? Text, bool? Completed);
