using Todo.Lambda.Settings;

namespace Todo.Queries;

/// <summary>
/// The WebSocket routes' settings, parsed as their function starts: the connections table and the connection rates, the
/// same per minute as the REST API's firewall rules (the template passes those parameters).
/// </summary>
public sealed record LiveSettings(string ConnectionsTable, int UserConnectsPerMinute, int AnonymousConnectsPerMinute)
{
    public const string UserConnectsVariable = "LIVE_USER_CONNECTS_PER_MINUTE";
    public const string AnonymousConnectsVariable = "LIVE_ANONYMOUS_CONNECTS_PER_MINUTE";

    public static string Table(SettingsReader settings) =>
        settings.Required(Todo.Live.Connections.ConnectionsTable.EnvironmentVariable, "the name of the connections table");

    public static LiveSettings From(SettingsReader settings) => new(
        Table(settings),
        settings.Required<int>(UserConnectsVariable, WholeNumber, "the connections a minute one signed-in user may open, a whole number above 0"),
        settings.Required<int>(AnonymousConnectsVariable, WholeNumber, "the connections a minute one address may open without a token, a whole number above 0"));

    private static bool WholeNumber(string text, out int value) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && value > 0;
}
