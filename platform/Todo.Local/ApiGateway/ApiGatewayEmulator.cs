using Todo.Lambda.Core;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;
using Todo.Local.Template;

namespace Todo.Local.ApiGateway;

/// <summary>
/// Serves the template's routes as API Gateway does: each request becomes a proxy event, the
/// function's proxy response becomes the HTTP response, anything unrouted gets API Gateway's 403,
/// a preflight gets the API's CORS headers, a route the authorizer guards gets 401 without a valid token,
/// and a function failure or malformed response gets 502.
/// </summary>
/// <param name="authorizer">The API's Cognito authorizer, with the headers of its 401; null for an open API.</param>
public sealed class ApiGatewayEmulator(RouteTable routes, CorsConfiguration? cors, (CognitoAuthorizer Check, IReadOnlyDictionary<string, string> UnauthorizedHeaders)? authorizer, ILogger logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var path = request.Path.Value ?? "/";
        if (request.Method == HttpMethods.Options && cors is not null && routes.HasResource(path))
        {
            WritePreflight(http.Response, cors);
            return;
        }
        if (routes.Match(request.Method, path) is not { } route)
        {
            await WriteMessageAsync(http.Response, 403, "Missing Authentication Token");
            return;
        }
        Dictionary<string, string>? claims = null;
        if (route.Authorized && authorizer is { } guard)
        {
            // The authorizer answers before the function is invoked: a refused request reaches no code of the app.
            if ((claims = await guard.Check.AuthorizeAsync(request.Headers[guard.Check.Header].LastOrDefault())) is null)
            {
                foreach (var (name, value) in guard.UnauthorizedHeaders)
                    http.Response.Headers[name] = value;
                await WriteMessageAsync(http.Response, 401, "Unauthorized");
                return;
            }
        }
        var proxyEvent = await ProxyEventBuilder.BuildAsync(http, route, claims, http.RequestAborted);
        var payload = LambdaPayload.Write(proxyEvent, LambdaJsonContext.Default.APIGatewayProxyRequest);
        var context = new LambdaContext(proxyEvent.RequestContext!.RequestId!, LocalAws.FunctionArn(route.FunctionName), DateTimeOffset.UtcNow.AddSeconds(29), null);
        APIGatewayProxyResponse response;
        try
        {
            response = LambdaPayload.Read(await route.Function.InvokeAsync(payload, context, http.RequestAborted), LambdaJsonContext.Default.APIGatewayProxyResponse);
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(e, "{Function} failed on {Method} {Path}", route.FunctionName, request.Method, path);
            await WriteMessageAsync(http.Response, 502, "Internal server error");
            return;
        }
        await WriteAsync(http.Response, response);
    }

    private static async Task WriteAsync(HttpResponse http, APIGatewayProxyResponse response)
    {
        http.StatusCode = response.StatusCode;
        // Both header maps merge; for a name in both, only the multi-value one counts.
        foreach (var (name, value) in response.Headers ?? [])
            http.Headers[name] = value;
        foreach (var (name, values) in response.MultiValueHeaders ?? [])
            http.Headers[name] = values.ToArray();
        if (response.Body is { } body)
            await http.Body.WriteAsync(response.IsBase64Encoded ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body));
    }

    private static void WritePreflight(HttpResponse http, CorsConfiguration cors)
    {
        http.StatusCode = 200;
        http.Headers.AccessControlAllowOrigin = cors.AllowOrigin;
        http.Headers.AccessControlAllowMethods = cors.AllowMethods;
        http.Headers.AccessControlAllowHeaders = cors.AllowHeaders;
        if (cors.MaxAge is { } maxAge)
            http.Headers.AccessControlMaxAge = maxAge;
    }

    private static async Task WriteMessageAsync(HttpResponse http, int status, string message)
    {
        http.StatusCode = status;
        http.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(http.Body);
        writer.WriteStartObject();
        writer.WriteString("message", message);
        writer.WriteEndObject();
    }
}
