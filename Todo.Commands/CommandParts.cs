using Todo.Http;

namespace Todo.Commands;

/// <summary>What a command function is made of besides its route, composed once as it starts.</summary>
public sealed record CommandParts(TodoCommandHandler Handler, ApiResponses Responses, Callers Callers, TimeProvider Clock);
