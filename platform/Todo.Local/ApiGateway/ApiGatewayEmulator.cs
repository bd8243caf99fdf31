using System.Text;
using System.Text.Json;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.Observability.Tracing;
using Todo.Local.Template;
using Todo.Local.Waf;
using Todo.Local.XRay;

namespace Todo.Local.ApiGateway;

/// <summary>
/// Serves the template's routes as API Gateway does: each request becomes a proxy event, the
/// function's proxy response becomes the HTTP response, anything unrouted gets API Gateway's 403,
/// a preflight gets the API's CORS headers, a route the authorizer guards gets 401 without a valid token,
/// and a function failure or malformed response gets 502.
/// As a stage with X-Ray tracing on, it samples every request: it continues the trace of a client's
/// <c>X-Amzn-Trace-Id</c> or starts one, names it in every response's <c>X-Amzn-Trace-Id</c>, records the
/// stage segment (<c>AWS::ApiGateway::Stage</c>) with a <c>Lambda</c> subsegment for the invocation, and
/// invokes the function under that subsegment.
/// </summary>
/// <param name="authorizer">The API's Cognito authorizer, with the headers of its 401; null for an open API.</param>
/// <param name="edge">
/// What comes before the stage: the headers CloudFront adds on the way to the API, then the stage's web ACL (null
/// without one), whose blocked requests reach no authorizer, no function and no trace.
/// </param>
public sealed class ApiGatewayEmulator(RouteTable routes, CorsConfiguration? cors,
    (CognitoAuthorizer Check, IReadOnlyDictionary<string, string> UnauthorizedHeaders)? authorizer,
    ILogger logger, LambdaService lambda, TraceStore traces, string stageName,
    (IReadOnlyDictionary<string, string> OriginHeaders, WebAcl? Firewall) edge)
{
    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        foreach (var (name, value) in edge.OriginHeaders)
            request.Headers[name] = value;
        if (edge.Firewall?.Evaluate(http, DateTimeOffset.UtcNow) is { } block)
        {
            http.Response.StatusCode = block.Status;
            foreach (var (name, value) in block.Headers)
                http.Response.Headers[name] = value;
            http.Response.ContentType = block.ContentType;
            await http.Response.WriteAsync(block.Body);
            return;
        }
        var incoming = TraceHeader.Parse(request.Headers[TraceHeader.HttpHeader].ToString());
        var trace = new TraceHeader(incoming?.Root ?? TraceHeader.NewRoot(DateTimeOffset.UtcNow), null, true, incoming?.Passed ?? []);
        http.Response.Headers[TraceHeader.HttpHeader] = $"Root={trace.Root};Sampled=1";
        var stage = XRaySegment.NewId();
        var start = DateTimeOffset.UtcNow;
        XRaySegment? invocation = null;
        try
        {
            invocation = await ServeAsync(http, trace with { Parent = stage });
        }
        finally
        {
            traces.Add(new XRaySegment(stageName, stage, start, DateTimeOffset.UtcNow)
            {
                TraceId = trace.Root,
                ParentId = incoming?.Parent,
                Origin = "AWS::ApiGateway::Stage",
                ResourceArn = $"arn:aws:apigateway:{LocalAws.Region}::/restapis/{ProxyEventBuilder.ApiId}/stages/{ProxyEventBuilder.Stage}",
                Http = new XRayHttp
                {
                    Method = request.Method,
                    Url = $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}",
                    UserAgent = request.Headers.UserAgent.ToString(),
                    ClientIp = http.Connection.RemoteIpAddress?.ToString(),
                },
                Subsegments = invocation is null ? [] : [invocation],
            }.Answered(http.Response.StatusCode));
        }
    }

    /// <returns>The stage's <c>Lambda</c> subsegment, when a function was invoked.</returns>
    private async Task<XRaySegment?> ServeAsync(HttpContext http, TraceHeader stage)
    {
        var request = http.Request;
        var path = request.Path.Value ?? "/";
        if (request.Method == HttpMethods.Options && cors is not null && routes.HasResource(path))
        {
            WritePreflight(http.Response, cors);
            return null;
        }
        if (routes.Match(request.Method, path) is not { } route)
        {
            await WriteMessageAsync(http.Response, 403, "Missing Authentication Token");
            return null;
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
                return null;
            }
        }
        var proxyEvent = await ProxyEventBuilder.BuildAsync(http, route, claims, http.RequestAborted);
        var payload = LambdaPayload.Write(proxyEvent, LambdaJsonContext.Default.APIGatewayProxyRequest);
        var subsegment = XRaySegment.NewId();
        var start = DateTimeOffset.UtcNow;
        XRaySegment Invocation(bool fault) => new("Lambda", subsegment, start, DateTimeOffset.UtcNow)
        {
            Namespace = "aws",
            Aws = [new("operation", "Invoke"), new("function_name", route.FunctionName), new("region", LocalAws.Region)],
            Fault = fault,
        };
        APIGatewayProxyResponse response;
        try
        {
            var answer = await lambda.InvokeAsync(route.FunctionName, route.Function, payload, proxyEvent.RequestContext!.RequestId!,
                DateTimeOffset.UtcNow.AddSeconds(29), stage.WithParent(subsegment), http.RequestAborted);
            response = LambdaPayload.Read(answer, LambdaJsonContext.Default.APIGatewayProxyResponse);
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(e, "{Function} failed on {Method} {Path}", route.FunctionName, request.Method, path);
            await WriteMessageAsync(http.Response, 502, "Internal server error");
            return Invocation(fault: true);
        }
        await WriteAsync(http.Response, response);
        return Invocation(fault: false);
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

    /// <summary>API Gateway's own answers: <c>{"message": "…"}</c> with the status, for the REST and the WebSocket API alike.</summary>
    internal static async Task WriteMessageAsync(HttpResponse http, int status, string message)
    {
        http.StatusCode = status;
        http.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(http.Body);
        writer.WriteStartObject();
        writer.WriteString("message", message);
        writer.WriteEndObject();
    }
}
