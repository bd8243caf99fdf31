using Todo.Lambda.Core;
using Todo.Http;
using Todo.Commands.Idempotency;
using Todo.Commands.Requests;
using Todo.Domain;
using Todo.Domain.Commands;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;
using Todo.Store.Events;
using Todo.Store.Idempotency;
using Todo.Lambda.Observability;
using Todo.Lambda.Observability.Tracing;

namespace Todo.Commands;

/// <summary>
/// What every command route shares: reading the target, the headers and the body (any of them wrong
/// is a 4xx that writes nothing), running the command, and turning how it ended into an answer.
/// </summary>
public abstract class CommandFunction(TodoCommandHandler handler, ApiResponses responses, Callers callers, FunctionTelemetry telemetry)
    : APIGatewayProxyFunction(telemetry)
{
    /// <summary>How long a kept answer can be replayed, unless IDEMPOTENCY_TTL_SECONDS says otherwise.</summary>
    public static readonly TimeSpan DefaultIdempotencyExpiry = TimeSpan.FromHours(1);

    public const string IdempotencyExpiryVariable = "IDEMPOTENCY_TTL_SECONDS";

    public const string DeletedMessage = "Todo item deleted successfully";

    protected ApiResponses Responses { get; } = responses;

    /// <summary>Scopes idempotency records, as Powertools scopes them by function.</summary>
    protected abstract string Scope { get; }

    protected virtual bool TakesIfMatch => true;

    /// <summary>A route that reads no body does not look at its Content-Type either.</summary>
    protected virtual bool ReadsBody => true;

    /// <summary>The todo the request is about; null for an id that names no todo.</summary>
    protected abstract Guid? Target(APIGatewayProxyRequest request);

    /// <summary>The command the body asks for, sent by <paramref name="caller"/>, or why the body is wrong.</summary>
    protected abstract (TodoCommand? Command, BodyProblem? Problem) Command(APIGatewayProxyRequest request, string? caller);

    protected abstract int SuccessStatus { get; }

    /// <summary>Answers the request and logs how it ended, once, with a metric of the outcome.</summary>
    public override async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        var (response, log) = await RespondAsync(request, cancellationToken);
        CommandLog.Write(Telemetry, log, response.StatusCode);
        return response;
    }

    private async Task<(APIGatewayProxyResponse, CommandLog)> RespondAsync(APIGatewayProxyRequest request, CancellationToken cancellationToken)
    {
        if (!callers.TryIdentify(request, out var caller))
            return (Responses.Unauthorized(), new CommandLog("unauthorized", "The request names no signed-in user"));
        if (Target(request) is not { } todoId)
            return (Responses.NotFound(), CommandLog.UnknownTodo());
        var scope = InvocationScope.Current;
        scope?.AppendKey(CommandLog.TodoIdKey, todoId.ToString());
        var errors = new Dictionary<string, string>();
        if (ReadsBody && !ContentTypeIsJson(request, errors))
            return (Responses.Invalid("Content-Type must be application/json", errors, 415), CommandLog.Rejected(errors));
        var expected = TakesIfMatch ? IfMatch(request, errors) : null;
        var key = IdempotencyKeys.Read(request, errors);
        if (errors.Count > 0)
            return (Responses.Invalid("Invalid request headers", errors), CommandLog.Rejected(errors));
        var (command, problem) = Command(request, caller);
        if (command is null)
            return (Responses.Invalid(problem!.Message, problem.Errors), CommandLog.Rejected(problem.Errors));
        scope?.AppendKey(CommandLog.CommandKey, command.GetType().Name);

        var claim = key is null ? null : IdempotencyKeys.Claim(key, Scope, caller, todoId, command);
        var result = await handler.HandleAsync(
            new CommandRequest(todoId, command, CommandId(request), expected, claim, Tracer.HeaderUnder(scope?.Span, scope?.Trace)),
            outcome => LambdaPayload.Text(Render(todoId, outcome), LambdaJsonContext.Default.APIGatewayProxyResponse),
            cancellationToken);
        return (Answer(todoId, result), CommandLog.Of(command, result));
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
        (Decision.Accepted, TodoState.Live live) => ApiResponses.Versioned(Responses.Item(SuccessStatus, TodoItem.From(todoId, live)), todoId, outcome.Version),
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
        errors[Headers.ContentType] = $"is {contentType}, not application/json";
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

    protected static TodoCommandHandler Handler(FunctionServices services) => new(
        new EventStore(services.DynamoDb, services.Require(EventTable.EnvironmentVariable), services.Require(IdempotencyTable.EnvironmentVariable)),
        services.Environment.TryGetValue(IdempotencyExpiryVariable, out var seconds) && int.TryParse(seconds, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : DefaultIdempotencyExpiry,
        services.Clock,
        // One per function instance, as a Lambda execution environment keeps its own between invocations.
        new SnapshotCache(SnapshotCache.DefaultCapacity));
}
