using Todo.Http;
using Todo.Lambda;
using Todo.Lambda.Observability;
using Todo.Lambda.Settings;
using Todo.Store.Events;

namespace Todo.Commands;

/// <summary>The command handlers by the names template.yaml gives them: one endpoint, run for each route.</summary>
public static class CommandFunctions
{
    public static readonly FunctionCatalog Catalog = FunctionCatalog.Of(Compose, CommandRoutes.All.ToDictionary(
        route => route.Name,
        route => (Func<CommandParts, FunctionTelemetry, ILambdaFunction>)((parts, telemetry) => new CommandEndpoint(route, parts, telemetry))));

    private static CommandParts Compose(SettingsReader reader, FunctionServices services)
    {
        var settings = CommandSettings.From(reader);
        return new CommandParts(
            new TodoCommandHandler(
                new EventStore(services.DynamoDb, settings.EventsTable, settings.IdempotencyTable),
                settings.IdempotencyExpiry,
                services.Clock,
                // One per function instance, as a Lambda execution environment keeps its own between invocations.
                new SnapshotCache(SnapshotCache.DefaultCapacity)),
            new ApiResponses(settings.Api.AllowedOrigin),
            new Callers(settings.Api.SignInRequired),
            services.Clock);
    }
}
