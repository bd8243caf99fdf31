using Todo.Http;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.Core;
using Todo.Lambda.Observability;
using Todo.Live.Connections;
using Todo.Store.ReadTable;

namespace Todo.Queries;

/// <summary>
/// The live API's <c>$disconnect</c>: deletes the connection's record from the partition of the list it followed (the
/// authorizer's context names it on every route). API Gateway sends it at most once and may not send it at all: TTL
/// and the notifier's 410s remove what it misses.
/// </summary>
public sealed class DisconnectLiveFunction(ConnectionStore connections, bool signInRequired, ApiResponses responses, FunctionTelemetry telemetry)
    : APIGatewayProxyFunction(telemetry)
{
    public static DisconnectLiveFunction Create(QueryParts parts, FunctionTelemetry telemetry) =>
        new(new ConnectionStore(parts.Services.DynamoDb, LiveSettings.Table(parts.Settings)), parts.Api.SignInRequired, parts.Responses, telemetry);

    public override async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        var user = signInRequired ? LiveProtocol.User(request) : null;
        if (request.RequestContext?.ConnectionId is not { Length: > 0 } connection || signInRequired && user is null)
            return responses.Message(400, "No connection to forget");
        await connections.DeleteAsync(TodoTable.ListOf(user), connection, cancellationToken);
        return new APIGatewayProxyResponse { StatusCode = 200 };
    }

    protected override APIGatewayProxyResponse Unavailable() => responses.Unavailable();
}
