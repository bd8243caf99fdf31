using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Todo.Lambda;
using Todo.Lambda.ApiGateway;

namespace Todo.Api;

/// <summary>Builds proxy responses: JSON bodies with the content type and CORS headers every answer carries.</summary>
public sealed class ApiResponses(string allowedOrigin)
{
    /// <summary>The template sets it from the AllowedOrigin parameter.</summary>
    public const string AllowedOriginVariable = "ALLOWED_ORIGIN";

    public const string NotFoundMessage = "Todo item not found";

    public static ApiResponses From(FunctionServices services) => new(services.Require(AllowedOriginVariable));

    public ApiGatewayProxyResponse Item(int statusCode, TodoItem item) => Json(statusCode, item, ApiJsonContext.Default.TodoItem);

    public ApiGatewayProxyResponse Items(List<TodoItem> items) => Json(200, items, ApiJsonContext.Default.ListTodoItem);

    public ApiGatewayProxyResponse Message(int statusCode, string message, IReadOnlyDictionary<string, string>? errors = null) =>
        Json(statusCode, new MessageBody(message, errors), ApiJsonContext.Default.MessageBody);

    public ApiGatewayProxyResponse NotFound() => Message(404, NotFoundMessage);

    private ApiGatewayProxyResponse Json<T>(int statusCode, T body, JsonTypeInfo<T> typeInfo) => new()
    {
        StatusCode = statusCode,
        Headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            ["Access-Control-Allow-Origin"] = allowedOrigin,
            ["Vary"] = "Origin",
        },
        Body = JsonSerializer.Serialize(body, typeInfo),
    };
}
