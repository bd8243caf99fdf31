using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.Core;
using Todo.Lambda.Observability;
using Todo.Lambda.Settings;
using Todo.Store.ReadTable;

namespace Todo.Queries;

/// <summary>
/// The live API's <c>$connect</c> authorizer (type <c>REQUEST</c>, identity source <c>Sec-WebSocket-Protocol</c>): the ID
/// token offered beside <see cref="LiveProtocol.Name"/> is checked by <see cref="IdTokenVerifier"/>, and answered with
/// a policy allowing the route and the caller's list in the context, or denying it (API Gateway answers 403). A denial,
/// not an error: a bad token is the caller's mistake, not a fault of the function that its error alarm should count.
/// </summary>
public sealed class AuthorizeLiveFunction(IdTokenVerifier verifier, FunctionTelemetry telemetry) : ILambdaFunction
{
    public const string IssuerVariable = "USER_POOL_ISSUER";
    public const string ClientIdVariable = "USER_POOL_CLIENT_ID";

    /// <summary>One client for the instance's one JWKS fetch; the timeout stays within the function's.</summary>
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static AuthorizeLiveFunction Create(SettingsReader settings, FunctionServices services, FunctionTelemetry telemetry)
    {
        var issuer = settings.Required<string>(IssuerVariable, IsIssuer, "the user pool's issuer URL, https://cognito-idp.<region>.amazonaws.com/<pool id>");
        var client = settings.Required(ClientIdVariable, "the id of the web app's client of the user pool");
        return new AuthorizeLiveFunction(new IdTokenVerifier(issuer, client, new SigningKeys(Http, SigningKeys.JwksOf(issuer)), services.Clock), telemetry);
    }

    public Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken cancellationToken) =>
        telemetry.InvokeAsync(context, async scope =>
        {
            var request = LambdaPayload.Read(payload, LambdaJsonContext.Default.APIGatewayCustomAuthorizerRequest);
            scope.CorrelationId = request.RequestContext?.RequestId;
            var token = LiveProtocol.Token(request.Header(LiveProtocol.Header));
            var user = token is null ? null : await verifier.VerifyAsync(token, cancellationToken);
            return LambdaPayload.Write(Answer(request.MethodArn ?? "", user), LambdaJsonContext.Default.APIGatewayCustomAuthorizerResponse);
        });

    private static APIGatewayCustomAuthorizerResponse Answer(string route, string? user) => new()
    {
        PrincipalID = user ?? "anonymous",
        PolicyDocument = new APIGatewayCustomAuthorizerPolicy
        {
            Statement = [new() { Effect = user is null ? "Deny" : "Allow", Action = ["execute-api:Invoke"], Resource = [route] }],
        },
        Context = user is null ? null : new() { [LiveProtocol.ListIdKey] = TodoTable.ListOf(user), [LiveProtocol.UserIdKey] = user },
    };

    private static bool IsIssuer(string text, out string issuer)
    {
        issuer = text;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.AbsolutePath.Length > 1;
    }
}
