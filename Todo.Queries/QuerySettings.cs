using Todo.Http;
using Todo.Lambda.Settings;
using Todo.Store.Events;
using Todo.Store.ReadTable;

namespace Todo.Queries;

/// <summary>The query functions' settings, parsed once as a function starts.</summary>
public sealed record QuerySettings(ApiSettings Api, string EventsTable, ReadModelTables ReadModel)
{
    public static QuerySettings From(SettingsReader settings) => new(
        ApiSettings.From(settings),
        settings.Required(EventTable.EnvironmentVariable, "the name of the events table"),
        ReadModelTables.From(settings.Required));
}
