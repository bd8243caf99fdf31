using Todo.Lambda.Settings;
using Todo.Store.ReadTable;

namespace Todo.Projections;

/// <summary>The projector's settings, parsed once as it starts.</summary>
/// <param name="Concurrency">How many todos of a batch are written at once.</param>
/// <param name="GapTimeout">How long an event may wait for its predecessor before its todo is parked.</param>
public sealed record ProjectorSettings(ReadModelTables ReadModel, string ParkedTable, int Concurrency, TimeSpan GapTimeout)
{
    public static ProjectorSettings From(SettingsReader settings) => new(
        ReadModelTables.From(settings.Required),
        settings.Required(Store.Parked.ParkedTable.EnvironmentVariable, "the name of the parked table"),
        settings.Count(ProjectorFunction.ConcurrencyVariable, ProjectorFunction.DefaultConcurrency),
        settings.Seconds(Quarantine.GapTimeoutVariable, Quarantine.DefaultGapTimeout));
}
