using System.Text.Json;
using System.Text.Json.Serialization;
using Todo.LocalStack;

namespace Todo.Local;

/// <summary>
/// The web app's <c>/config.json</c>, in the shape deploy.sh writes into the bucket: where users sign in
/// (null for the open API), the live channel's WebSocket URL (null without one) and, only here, where the X-Ray API is. The deployed app has no X-Ray API of its
/// own to read traces from, so its config names none and the app shows no trace viewer.
/// </summary>
public sealed record WebAppConfig(
    [property: JsonPropertyName("auth")] CognitoEndpoint? Auth,
    [property: JsonPropertyName("xrayApi")] string XRayApi,
    [property: JsonPropertyName("live")] string? Live)
{
    public string ToJson() => JsonSerializer.Serialize(this, WebAppConfigJsonContext.Default.WebAppConfig);
}

[JsonSerializable(typeof(WebAppConfig))]
internal sealed partial class WebAppConfigJsonContext : JsonSerializerContext;
