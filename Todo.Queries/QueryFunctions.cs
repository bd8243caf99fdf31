using Todo.Http;
using Todo.Lambda;
using Todo.Lambda.Observability;
using Todo.Lambda.Settings;
using Todo.Store.Events;

namespace Todo.Queries;

/// <summary>The query handlers by the names template.yaml gives them.</summary>
public static class QueryFunctions
{
    public static readonly FunctionCatalog Catalog = FunctionCatalog.Of(Compose, new Dictionary<string, Func<QueryParts, FunctionTelemetry, ILambdaFunction>>
    {
        ["list-todos"] = (parts, telemetry) => new ListTodosFunction(parts.Reader, parts.Fresh, parts.Responses, parts.Callers, telemetry),
        ["get-todo"] = (parts, telemetry) => new GetTodoFunction(parts.Fresh, parts.History, parts.Responses, parts.Callers, telemetry),
        ["list-todo-events"] = (parts, telemetry) => new ListTodoEventsFunction(parts.History, parts.Responses, parts.Callers, telemetry),
        ["list-todo-changes"] = (parts, telemetry) => new ListTodoChangesFunction(parts.Changes, parts.Responses, parts.Callers, telemetry),
        ["get-openapi"] = (parts, telemetry) => new GetOpenApiFunction(parts.Responses, telemetry),
        ["authorize-live"] = (parts, telemetry) => AuthorizeLiveFunction.Create(parts.Settings, parts.Services, telemetry),
        ["connect-live"] = ConnectLiveFunction.Create,
        ["disconnect-live"] = DisconnectLiveFunction.Create,
    });

    private static QueryParts Compose(SettingsReader reader, FunctionServices services)
    {
        var settings = QuerySettings.From(reader);
        var pointer = settings.ReadModel.Pointer(services.DynamoDb, services.Clock);
        var todos = new TodoReader(services.DynamoDb, pointer);
        var events = new EventStore(services.DynamoDb, settings.EventsTable);
        return new QueryParts(
            todos,
            new FreshReads(events),
            new TodoHistory(events),
            new ApiResponses(settings.Api.AllowedOrigin),
            new Callers(settings.Api.SignInRequired),
            new TodoChanges(services.DynamoDb, pointer, reader.Seconds(TodoChanges.SettleVariable, TodoChanges.DefaultSettle)),
            reader,
            services,
            settings.Api);
    }
}
