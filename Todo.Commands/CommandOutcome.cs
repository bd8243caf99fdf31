using Todo.Domain;

namespace Todo.Commands;

/// <summary>What a command came to: the decision, the todo's state after it, and the version that state is at.</summary>
public sealed record CommandOutcome(Decision Decision, TodoState State, long Version);
