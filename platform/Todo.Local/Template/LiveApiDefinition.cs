namespace Todo.Local.Template;

/// <summary>
/// The template's WebSocket API (<c>AWS::ApiGatewayV2::Api</c>, ProtocolType WEBSOCKET) as the local host serves it: its
/// stage, the body field its route selection expression reads, its routes by key, and the authorizer of <c>$connect</c>.
/// </summary>
/// <param name="SelectionField">The field of a JSON message that names its route: <c>action</c> for <c>$request.body.action</c>.</param>
public sealed record LiveApiDefinition(
    string LogicalId,
    string Stage,
    string SelectionField,
    IReadOnlyDictionary<string, LiveRoute> Routes,
    LiveAuthorizerDefinition? Authorizer);
