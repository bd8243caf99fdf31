using Todo.Http;

namespace Todo.Queries;

/// <summary>What a query function is made of, composed once as it starts: one reader, and so one cached read pointer, for all its reads.</summary>
public sealed record QueryParts(TodoReader Reader, FreshReads Fresh, TodoHistory History, ApiResponses Responses, Callers Callers, TodoChanges Changes);
