using Todo.ReadModel;
using Todo.Lambda;
using Todo.Lambda.Observability;
using Todo.Lambda.Settings;
using Todo.Store.Parked;

namespace Todo.Projections;

/// <summary>The stream handler by the name template.yaml gives it.</summary>
public static class ProjectionFunctions
{
    public static readonly FunctionCatalog Catalog = FunctionCatalog.Of(Compose, new Dictionary<string, Func<Func<FunctionTelemetry, ProjectorFunction>, FunctionTelemetry, ILambdaFunction>>
    {
        ["project-todos"] = (projector, telemetry) => projector(telemetry),
    });

    /// <returns>The projector, all but its telemetry: the writer and the quarantine share one read pointer.</returns>
    private static Func<FunctionTelemetry, ProjectorFunction> Compose(SettingsReader reader, FunctionServices services)
    {
        var settings = ProjectorSettings.From(reader);
        var writer = new ReadModelWriter(services.DynamoDb, settings.ReadModel.Pointer(services.DynamoDb, services.Clock));
        var quarantine = new Quarantine(new ParkedStore(services.DynamoDb, settings.ParkedTable), writer, settings.GapTimeout, services.Clock);
        return telemetry => new ProjectorFunction(writer, quarantine, settings.Concurrency, new ProjectionTelemetry(telemetry, services.Clock));
    }
}
