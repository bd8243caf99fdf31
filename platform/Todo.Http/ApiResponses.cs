using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Http;

/// <summary>Builds proxy responses: JSON bodies with the content type and CORS headers every answer carries.</summary>
public sealed class ApiResponses(string allowedOrigin)
{
    /// <summary>The template sets it from the AllowedOrigin parameter.</summary>
    public const string AllowedOriginVariable = "ALLOWED_ORIGIN";

    public const string NotFoundMessage = "Todo item not found";

    public APIGatewayProxyResponse Item(int statusCode, TodoItem item) => Json(statusCode, item, ApiJsonContext.Default.TodoItem);

    public APIGatewayProxyResponse Items(List<TodoItem> items) => Json(200, items, ApiJsonContext.Default.ListTodoItem);

    public APIGatewayProxyResponse Events(List<HistoryEvent> events) => Json(200, events, ApiJsonContext.Default.ListHistoryEvent);

    public APIGatewayProxyResponse Message(int statusCode, string message, IReadOnlyDictionary<string, string>? errors = null) =>
        Json(statusCode, new MessageBody(message, errors), ApiJsonContext.Default.MessageBody);

    public APIGatewayProxyResponse NotFound() => Message(404, NotFoundMessage);

    /// <summary>
    /// The store is throttled or out of reach: nothing was done that the client cannot safely repeat (a command either
    /// committed, and its retry finds it, or did not), so it is told to retry, and when.
    /// </summary>
    public APIGatewayProxyResponse Unavailable()
    {
        var response = Message(503, UnavailableMessage);
        response.Headers![Todo.Http.Headers.RetryAfter] = "1";
        return response;
    }

    public const string UnavailableMessage = "The service is busy or briefly unavailable; try again in a moment";

    /// <summary>As API Gateway's authorizer answers a request without a valid token.</summary>
    public APIGatewayProxyResponse Unauthorized() => Message(401, Callers.UnauthorizedMessage);

    /// <summary>A 400 (or other 4xx) for a request that is wrong in the named places.</summary>
    public APIGatewayProxyResponse Invalid(string message, IReadOnlyDictionary<string, string> errors, int statusCode = 400) =>
        Message(statusCode, message, errors);

    /// <summary>Marks an answer with the version it shows, so the client can make its next command conditional and its next read fresh.</summary>
    public static APIGatewayProxyResponse Versioned(APIGatewayProxyResponse response, Guid todoId, long version)
    {
        response.Headers![Todo.Http.Headers.ETag] = VersionToken.ETag(version);
        response.Headers[Todo.Http.Headers.VersionToken] = new VersionToken(todoId, version).ToString();
        return response;
    }

    /// <summary>A JSON document as it is, such as the API's OpenAPI description.</summary>
    public APIGatewayProxyResponse Document(string json) => Json(200, json);

    private APIGatewayProxyResponse Json<T>(int statusCode, T body, JsonTypeInfo<T> typeInfo) =>
        Json(statusCode, JsonSerializer.Serialize(body, typeInfo));

    private APIGatewayProxyResponse Json(int statusCode, string body) => new()
    {
        StatusCode = statusCode,
        Headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            ["Access-Control-Allow-Origin"] = allowedOrigin,
            ["Vary"] = "Origin",
            // Browsers hide response headers from scripts unless they are listed here.
            ["Access-Control-Expose-Headers"] = $"{Todo.Http.Headers.ETag}, {Todo.Http.Headers.VersionToken}, {Todo.Http.Headers.IdempotentReplayed}, {Todo.Http.Headers.NextCursor}, {Todo.Http.Headers.RetryAfter}",
        },
        Body = body,
    };
}
