using Amazon.Runtime;
using Todo.Lambda.Settings;
using Todo.Store.ReadTable;

namespace Todo.Projections;

/// <summary>The notifier's settings, parsed once as it starts.</summary>
/// <param name="ConnectionsUrl">The WebSocket API stage's URL, the base of its management API's <c>@connections</c>.</param>
/// <param name="Region">Lambda's <c>AWS_REGION</c>, which the management API's requests are signed for.</param>
/// <param name="Credentials">The role's credentials, as Lambda sets them in the environment; null when it has none.</param>
public sealed record NotifierSettings(ReadModelTables ReadModel, string ConnectionsTable, Uri ConnectionsUrl, string? Region, ImmutableCredentials? Credentials)
{
    public const string ConnectionsUrlVariable = "LIVE_CONNECTIONS_URL";

    /// <remarks>
    /// What Lambda itself sets (the region, the role's credentials) is taken as given, as the observability settings take
    /// Lambda's own variables: nobody could correct it. Without them a push fails as an SDK call without credentials does.
    /// </remarks>
    public static NotifierSettings From(SettingsReader settings) => new(
        ReadModelTables.From(settings.Required),
        settings.Required(Live.Connections.ConnectionsTable.EnvironmentVariable, "the name of the connections table"),
        settings.Required<Uri>(ConnectionsUrlVariable, TryParseUrl, "the WebSocket API stage's URL, such as https://abc123.execute-api.eu-west-1.amazonaws.com/prod"),
        settings.Optional(EnvironmentVariableAWSRegion.ENVIRONMENT_VARIABLE_REGION),
        settings.Optional(EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_ACCESSKEY) is { } accessKey
            && settings.Optional(EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_SECRETKEY) is { } secretKey
            ? new ImmutableCredentials(accessKey, secretKey, settings.Optional(EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_SESSION_TOKEN))
            : null);

    private static bool TryParseUrl(string text, out Uri value) =>
        Uri.TryCreate(text, UriKind.Absolute, out value!) && value.Scheme is "http" or "https" && string.IsNullOrEmpty(value.Query);
}
