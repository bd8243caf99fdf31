using System.Text.Json.Serialization;
using Todo.Lambda.ApiGateway;
using Todo.Lambda.DynamoDBStreams;

namespace Todo.Lambda;

[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(AttributeValueConverter)])]
[JsonSerializable(typeof(ApiGatewayProxyRequest))]
[JsonSerializable(typeof(ApiGatewayProxyResponse))]
[JsonSerializable(typeof(DynamoDbStreamEvent))]
[JsonSerializable(typeof(StreamsEventResponse))]
public sealed partial class LambdaJsonContext : JsonSerializerContext;
