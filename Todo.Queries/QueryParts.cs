using Todo.Http;
using Todo.Lambda;
using Todo.Lambda.Settings;

namespace Todo.Queries;

/// <summary>
/// What a query function is made of, composed once as it starts: one reader, and so one cached read pointer, for all its
/// reads. The live routes' handlers parse their own settings from <see cref="Settings"/> as they are built, so only the
/// functions that run them need those variables.
/// </summary>
public sealed record QueryParts(TodoReader Reader, FreshReads Fresh, TodoHistory History, ApiResponses Responses, Callers Callers,
    TodoChanges Changes, SettingsReader Settings, FunctionServices Services, ApiSettings Api);
