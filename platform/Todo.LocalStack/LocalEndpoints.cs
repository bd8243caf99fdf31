using System.Text.Json;
using System.Text.Json.Serialization;

namespace Todo.LocalStack;

/// <summary>
/// What the local host writes to <c>.local/endpoints.json</c> at start, for the operator CLI and tools to find
/// the local stack: DynamoDB Local's URL, the region its ARNs use, each table's name by its template logical
/// id, and cognito-local's user pool when users sign in (absent for the open API).
/// </summary>
public sealed record LocalEndpoints(
    [property: JsonPropertyName("dynamoDbUrl")] string DynamoDbUrl,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("tables")] Dictionary<string, string> Tables,
    [property: JsonPropertyName("cognito")] CognitoEndpoint? Cognito = null)
{
    /// <summary>Where under the repository root the local host writes it.</summary>
    public static readonly string RelativePath = Path.Combine(".local", "endpoints.json");

    /// <summary>The whole file at <paramref name="path"/>, its folder made if need be.</summary>
    public void WriteTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, ToJson() + "\n");
    }

    public string ToJson() => JsonSerializer.Serialize(this, LocalEndpointsJsonContext.Default.LocalEndpoints);

    public static LocalEndpoints FromJson(string json) =>
        JsonSerializer.Deserialize(json, LocalEndpointsJsonContext.Default.LocalEndpoints)
        ?? throw new JsonException("The endpoints file holds null.");
}

[JsonSourceGenerationOptions(WriteIndented = true, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LocalEndpoints))]
internal sealed partial class LocalEndpointsJsonContext : JsonSerializerContext;
