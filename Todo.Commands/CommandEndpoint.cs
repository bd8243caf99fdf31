using Todo.Lambda.Core;
using Todo.Http;
using Todo.Commands.Idempotency;
using Todo.Domain;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;
using Todo.Store.Idempotency;
using Todo.Lambda.Observability;
using Todo.Lambda.Observability.Tracing;

namespace Todo.Commands;

/// <summary>
/// Runs a command route (<see cref="CommandRoutes"/>): reads the target, the headers and the body (any of
/// them wrong is a 4xx that writes nothing), runs the command, and turns how it ended into an answer.
/// </summary>
public sealed class CommandEndpoint(CommandRoute route, CommandParts parts, FunctionTelemetry telemetry) : APIGatewayProxyFunction(telemetry)
{
    public const string DeletedMessage = "Todo item deleted successfully";

    private ApiResponses Responses => parts.Responses;

    /// <summary>Answers the request and logs how it ended, once, with a metric of the outcome.</summary>
    public override async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        var (response, log) = await RespondAsync(request, cancellationToken);
        CommandLog.Write(Telemetry, log, response.StatusCode);
        return response;
    }

    private async Task<(APIGatewayProxyResponse, CommandLog)> RespondAsync(APIGatewayProxyRequest request, CancellationToken cancellationToken)
    {
        if (!parts.Callers.TryIdentify(request, out var caller))
            return (Responses.Unauthorized(), new CommandLog("unauthorized", "The request names no signed-in user"));
        if (route.Target(request) is not { } todoId)
            return (Responses.NotFound(), CommandLog.UnknownTodo());
        var scope = InvocationScope.Current;
        scope?.AppendKey(CommandLog.TodoIdKey, todoId.ToString());
        var errors = new Dictionary<string, string>();
        if (route.ReadsBody && !ContentTypeIsJson(request, errors))
            return (Responses.Invalid("Content-Type must be application/json", errors, 415), CommandLog.Rejected(errors));
        var expected = route.TakesIfMatch ? IfMatch(request, errors) : null;
        var key = IdempotencyKeys.Read(request, errors);
        if (errors.Count > 0)
            return (Responses.Invalid("Invalid request headers", errors), CommandLog.Rejected(errors));
        var (command, problem) = route.Command(request, caller, parts.Clock.GetUtcNow());
        if (command is null)
            return (Responses.Invalid(problem!.Message, problem.Errors), CommandLog.Rejected(problem.Errors));
        scope?.AppendKey(CommandLog.CommandKey, command.GetType().Name);

        var claim = key is null ? null : IdempotencyKeys.Claim(key, route.Name, caller, todoId, command);
        var result = await parts.Handler.HandleAsync(
            new CommandRequest(todoId, command, CommandId(request), expected, claim, Tracer.HeaderUnder(scope?.Span, scope?.Trace)),
            outcome => LambdaPayload.Text(Render(todoId, outcome), LambdaJsonContext.Default.APIGatewayProxyResponse),
            cancellationToken);
        var response = Answer(todoId, result);
        if (WriteOf(todoId, result, response) is { } write)
            RecentWritesCookie.Add(response, request, write);
        return (response, CommandLog.Of(command, result));
    }

    /// <summary>What an accepted command changed, for the client's next list reads; a replay repeats it, as its first answer may not have arrived.</summary>
    private static RecentWrite? WriteOf(Guid todoId, CommandResult result, APIGatewayProxyResponse response) => result switch
    {
        CommandResult.Executed { Outcome: { Decision: Decision.Accepted, State: TodoState.Live live } } => new RecentWrite(todoId, live.CreatedAt),
        CommandResult.Executed { Outcome: { Decision: Decision.Accepted, State: TodoState.Deleted } } => new RecentWrite(todoId, null),
        CommandResult.Replayed when response.StatusCode is >= 200 and < 300 => new RecentWrite(todoId, CreatedAtIn(response)),
        _ => null,
    };

    /// <summary>A replayed item's <c>createdAt</c>; a replayed deletion's message has none.</summary>
    private static DateTimeOffset? CreatedAtIn(APIGatewayProxyResponse response)
    {
        using var body = System.Text.Json.JsonDocument.Parse(response.Body ?? "{}");
        return body.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
            && body.RootElement.TryGetProperty("createdAt", out var createdAt) && createdAt.GetString() is { } text
            ? Timestamp.Parse(text)
            : null;
    }

    private APIGatewayProxyResponse Answer(Guid todoId, CommandResult result) =>
        result switch
        {
            CommandResult.Executed executed => Render(todoId, executed.Outcome),
            CommandResult.Replayed replayed => Replay(replayed.Record),
            CommandResult.KeyReused => Responses.Invalid("The Idempotency-Key was already used for a different request",
                new Dictionary<string, string> { [Headers.IdempotencyKey] = "was used with another method, path or body" }, 422),
            CommandResult.PreconditionFailed failed => ApiResponses.Versioned(Responses.Invalid("The todo has changed since the version in If-Match",
                new Dictionary<string, string> { [Headers.IfMatch] = $"the current version is {failed.CurrentVersion}" }, 412), todoId, failed.CurrentVersion),
            _ => Responses.Message(409, "The todo is being changed by other requests; try again"),
        };

    private APIGatewayProxyResponse Render(Guid todoId, CommandOutcome outcome) => (outcome.Decision, outcome.State) switch
    {
        (Decision.Accepted, TodoState.Live live) => ApiResponses.Versioned(Responses.Item(route.SuccessStatus, TodoItem.From(todoId, live)), todoId, outcome.Version),
        (Decision.Accepted, TodoState.Deleted) => ApiResponses.Versioned(Responses.Message(200, DeletedMessage), todoId, outcome.Version),
        (Decision.AlreadyExists, _) => Responses.Message(409, "A todo with this id already exists"),
        _ => Responses.NotFound(),
    };

    private static APIGatewayProxyResponse Replay(IdempotencyRecord record)
    {
        var response = LambdaPayload.Read(System.Text.Encoding.UTF8.GetBytes(record.Data), LambdaJsonContext.Default.APIGatewayProxyResponse);
        (response.Headers ??= [])[Headers.IdempotentReplayed] = "true";
        return response;
    }

    /// <summary>A body in another format is refused, not guessed at; a request without a Content-Type is read as JSON.</summary>
    private static bool ContentTypeIsJson(APIGatewayProxyRequest request, Dictionary<string, string> errors)
    {
        var contentType = RequestHeader.Single(request, Headers.ContentType, errors);
        if (contentType is null || string.Equals(contentType.Split(';')[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
            return true;
        errors[Headers.ContentType] = $"is {(contentType.Length <= 100 ? contentType : contentType[..100] + "…")}, not application/json";
        return false;
    }

    private static long? IfMatch(APIGatewayProxyRequest request, Dictionary<string, string> errors)
    {
        var header = RequestHeader.Single(request, Headers.IfMatch, errors);
        if (header is null)
            return null;
        if (VersionToken.TryParseIfMatch(header, out var version))
            return version;
        errors[Headers.IfMatch] = "must be one entity tag such as \"3\", or *";
        return null;
    }

    /// <summary>API Gateway's request id ties each stored event to the request that caused it.</summary>
    private static string CommandId(APIGatewayProxyRequest request) =>
        request.RequestContext?.RequestId is { Length: > 0 } id ? id : Guid.NewGuid().ToString();

    protected override APIGatewayProxyResponse Unavailable() => Responses.Unavailable();
}
