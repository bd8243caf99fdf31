using Todo.Lambda;
using Todo.Lambda.Observability;
using Todo.Lambda.Settings;
using Todo.Live.ApiGatewayManagementApi;
using Todo.Live.Connections;
using Todo.ReadModel;
using Todo.Store.Parked;

namespace Todo.Projections;

/// <summary>The stream handlers by the names template.yaml gives them, each composed from its own settings.</summary>
public static class ProjectionFunctions
{
    public static readonly FunctionCatalog Catalog = FunctionCatalog.Of(
        (reader, services) => (Reader: reader, Services: services),
        new Dictionary<string, Func<(SettingsReader Reader, FunctionServices Services), FunctionTelemetry, ILambdaFunction>>
        {
            ["project-todos"] = (parts, telemetry) => Projector(parts.Reader, parts.Services, telemetry),
            ["notify-changes"] = (parts, telemetry) => Notifier(parts.Reader, parts.Services, telemetry),
        });

    /// <summary>The projector: the writer and the quarantine share one read pointer.</summary>
    private static ProjectorFunction Projector(SettingsReader reader, FunctionServices services, FunctionTelemetry telemetry)
    {
        var settings = ProjectorSettings.From(reader);
        var writer = new ReadModelWriter(services.DynamoDb, settings.ReadModel.Pointer(services.DynamoDb, services.Clock));
        var quarantine = new Quarantine(new ParkedStore(services.DynamoDb, settings.ParkedTable), writer, settings.GapTimeout, services.Clock);
        return new ProjectorFunction(writer, quarantine, settings.Concurrency, new ProjectionTelemetry(telemetry, services.Clock));
    }

    /// <summary>The notifier, with an HTTP client of its own for the management API, its connections kept between invocations.</summary>
    private static NotifierFunction Notifier(SettingsReader reader, FunctionServices services, FunctionTelemetry telemetry)
    {
        var settings = NotifierSettings.From(reader);
        return new NotifierFunction(
            settings.ReadModel.Pointer(services.DynamoDb, services.Clock),
            new ConnectionStore(services.DynamoDb, settings.ConnectionsTable),
            new AmazonApiGatewayManagementApiClient(new HttpClient(), settings.ConnectionsUrl, settings.Region, settings.Credentials),
            new NotifierTelemetry(telemetry));
    }
}
