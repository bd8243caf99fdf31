using Todo.Http;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.Core;
using Todo.Lambda.Observability;
using Todo.Live.Connections;
using Todo.Store.ReadTable;

namespace Todo.Queries;

/// <summary>
/// The live API's <c>$connect</c>: within the caller's connection rate (per signed-in user, or per address in the open
/// mode, the REST API's limits), records the connection in the partition of the list it follows and selects
/// <see cref="LiveProtocol.Name"/>. Any answer but 2xx refuses the handshake with that status.
/// </summary>
public sealed class ConnectLiveFunction(ConnectionStore connections, ConnectionRate rate, LiveSettings settings, bool signInRequired,
    ApiResponses responses, TimeProvider clock, FunctionTelemetry telemetry) : APIGatewayProxyFunction(telemetry)
{
    public const string TooManyRequestsMessage = "Too Many Requests";

    public static ConnectLiveFunction Create(QueryParts parts, FunctionTelemetry telemetry)
    {
        var settings = LiveSettings.From(parts.Settings);
        return new ConnectLiveFunction(new ConnectionStore(parts.Services.DynamoDb, settings.ConnectionsTable),
            new ConnectionRate(parts.Services.DynamoDb, settings.ConnectionsTable), settings, parts.Api.SignInRequired,
            parts.Responses, parts.Services.Clock, telemetry);
    }

    public override async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        var connection = request.RequestContext?.ConnectionId;
        var user = signInRequired ? LiveProtocol.User(request) : null;
        // API Gateway lets no such request through: the authorizer guards $connect whenever users sign in.
        if (string.IsNullOrEmpty(connection) || signInRequired && user is null)
            return responses.Message(403, "Forbidden");
        var (caller, perMinute) = user is null
            ? ("ip#" + request.RequestContext?.Identity?.SourceIp, settings.AnonymousConnectsPerMinute)
            : ("user#" + user, settings.UserConnectsPerMinute);
        var now = clock.GetUtcNow();
        if (!await rate.TryCountAsync(caller, perMinute, now, cancellationToken))
        {
            var refused = responses.Message(429, TooManyRequestsMessage);
            refused.Headers![Headers.RetryAfter] = "60";
            return refused;
        }
        await connections.PutAsync(TodoTable.ListOf(user), connection, user, now, cancellationToken);
        var accepted = new APIGatewayProxyResponse { StatusCode = 200, Headers = [] };
        if (LiveProtocol.Offered(request.Header(LiveProtocol.Header)).Contains(LiveProtocol.Name))
            accepted.Headers[LiveProtocol.Header] = LiveProtocol.Name;
        return accepted;
    }

    protected override APIGatewayProxyResponse Unavailable() => responses.Unavailable();
}
