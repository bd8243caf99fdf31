using System.Text.Json;
using System.Text.Json.Serialization;

namespace Todo.LocalStack;

/// <summary>
/// What the local host writes to <c>.local/endpoints.json</c> at start, for the operator CLI to find the local
/// stack: DynamoDB Local's URL, the region its ARNs use, and each table's name by its template logical id.
/// </summary>
public sealed record LocalEndpoints(
    [property: JsonPropertyName("dynamoDbUrl")] string DynamoDbUrl,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("tables")] Dictionary<string, string> Tables)
{
    /// <summary>Where under the repository root the local host writes it.</summary>
    public static readonly string RelativePath = Path.Combine(".local", "endpoints.json");

    public string ToJson() => JsonSerializer.Serialize(this, LocalEndpointsJsonContext.Default.LocalEndpoints);

    public static LocalEndpoints FromJson(string json) =>
        JsonSerializer.Deserialize(json, LocalEndpointsJsonContext.Default.LocalEndpoints)
        ?? throw new JsonException("The endpoints file holds null.");
}

[JsonSourceGenerationOptions(WriteIndented = true, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(LocalEndpoints))]
internal sealed partial class LocalEndpointsJsonContext : JsonSerializerContext;
