using Todo.Api;
using Todo.Commands.Requests;
using Todo.Domain;
using Todo.Domain.Commands;
using Todo.Lambda;
using Todo.Lambda.ApiGateway;
using Todo.Storage.Events;

namespace Todo.Commands;

/// <summary>What every command route shares: turning a request into a command and an outcome into a response.</summary>
public abstract class CommandFunction(TodoCommandHandler handler, ApiResponses responses) : ApiGatewayFunction
{
    protected ApiResponses Responses { get; } = responses;

    protected async Task<ApiGatewayProxyResponse> RunAsync(
        Guid todoId, TodoCommand command, ApiGatewayProxyRequest request, int successStatus, CancellationToken cancellationToken)
    {
        CommandOutcome outcome;
        try
        {
            outcome = await handler.HandleAsync(todoId, command, CommandId(request), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return Responses.Message(409, "The todo is being changed by other requests; try again");
        }
        return (outcome.Decision, outcome.State) switch
        {
            (Decision.Accepted, TodoState.Live live) => Responses.Item(successStatus, TodoItem.From(todoId, live)),
            (Decision.Accepted, TodoState.Deleted) => Responses.Message(200, "Todo item deleted"),
            (Decision.AlreadyExists, _) => Responses.Message(409, "A todo with this id already exists"),
            _ => Responses.NotFound(),
        };
    }

    protected ApiGatewayProxyResponse Rejected(BodyProblem problem) => Responses.Message(400, problem.Message, problem.Errors);

    /// <summary>API Gateway's request id ties each stored event to the request that caused it.</summary>
    private static string CommandId(ApiGatewayProxyRequest request) =>
        request.RequestContext?.RequestId is { Length: > 0 } id ? id : Guid.NewGuid().ToString();

    protected static TodoCommandHandler Handler(FunctionServices services) =>
        new(new EventStore(services.DynamoDb, services.Require(EventTable.EnvironmentVariable)), TimeProvider.System);
}
