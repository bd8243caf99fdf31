using System.Text.Json.Serialization;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.DynamoDBEvents;

namespace Todo.Lambda;

[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(AttributeValueConverter)])]
[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
[JsonSerializable(typeof(APIGatewayCustomAuthorizerRequest))]
[JsonSerializable(typeof(APIGatewayCustomAuthorizerResponse))]
[JsonSerializable(typeof(DynamoDBEvent))]
[JsonSerializable(typeof(StreamsEventResponse))]
public sealed partial class LambdaJsonContext : JsonSerializerContext;
