using Todo.Http;
using Todo.Lambda.Settings;
using Todo.Store.Events;

namespace Todo.Commands;

/// <summary>The command functions' settings, parsed once as a function starts.</summary>
/// <param name="IdempotencyExpiry">How long a kept answer can be replayed.</param>
public sealed record CommandSettings(ApiSettings Api, string EventsTable, string IdempotencyTable, TimeSpan IdempotencyExpiry)
{
    public const string IdempotencyExpiryVariable = "IDEMPOTENCY_TTL_SECONDS";

    /// <summary>Unless <see cref="IdempotencyExpiryVariable"/> says otherwise; the template leaves it so.</summary>
    public static readonly TimeSpan DefaultIdempotencyExpiry = TimeSpan.FromHours(1);

    public static CommandSettings From(SettingsReader settings) => new(
        ApiSettings.From(settings),
        settings.Required(EventTable.EnvironmentVariable, "the name of the events table"),
        settings.Required(Store.Idempotency.IdempotencyTable.EnvironmentVariable, "the name of the idempotency table"),
        settings.Seconds(IdempotencyExpiryVariable, DefaultIdempotencyExpiry));
}
