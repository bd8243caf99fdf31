using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.Core;
using Todo.Lambda.Observability;
using Todo.Queries;

namespace Todo.Tests.Queries;

/// <summary>
/// The live API's <c>$connect</c> authorizer on tokens signed here, each wrong in one way, as the REST API's Cognito
/// authorizer refuses them: only an unexpired RS256 ID token of the pool's key, issuer and web client is allowed, with
/// the caller's list in the context; anything else is denied (API Gateway's 403), never an error.
/// </summary>
public sealed class LiveAuthorizerTests : IDisposable
{
    private const string Issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool";
    private const string ClientId = "web-client";
    private const string Sub = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private const string Route = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/$connect";

    private static readonly RSA PoolKey = RSA.Create(2048);
    private static readonly RSA OtherKey = RSA.Create(2048);

    private readonly JwksServer jwks = new(PoolKey, "pool-key");
    private readonly AuthorizeLiveFunction function;

    public LiveAuthorizerTests()
    {
        var keys = new SigningKeys(new HttpClient(jwks), SigningKeys.JwksOf(Issuer));
        function = new AuthorizeLiveFunction(new IdTokenVerifier(Issuer, ClientId, keys, TimeProvider.System), FunctionTelemetry.Silent);
    }

    public void Dispose() => jwks.Dispose();

    private static string Token(TimeSpan? expiresIn = null, string issuer = Issuer, string audience = ClientId, string use = "id", RSA? key = null,
        string keyId = "pool-key", string sub = Sub)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["sub"] = sub, ["token_use"] = use, ["iss"] = issuer, ["aud"] = audience, ["iat"] = now,
            ["exp"] = now + (long)(expiresIn ?? TimeSpan.FromMinutes(15)).TotalSeconds, ["email"] = "a@example.com",
        };
        return new JsonWebTokenHandler().CreateToken(JsonSerializer.Serialize(claims),
            new SigningCredentials(new RsaSecurityKey(key ?? PoolKey) { KeyId = keyId }, SecurityAlgorithms.RsaSha256));
    }

    private async Task<APIGatewayCustomAuthorizerResponse> AuthorizeAsync(string? protocols)
    {
        var request = new APIGatewayCustomAuthorizerRequest
        {
            Type = "REQUEST",
            MethodArn = Route,
            Headers = protocols is null ? [] : new() { ["Sec-WebSocket-Protocol"] = protocols },
            RequestContext = new APIGatewayProxyRequest.ProxyRequestContext { RequestId = "r1", RouteKey = "$connect", EventType = "CONNECT", ConnectionId = "c1" },
        };
        var answer = await function.InvokeAsync(LambdaPayload.Write(request, LambdaJsonContext.Default.APIGatewayCustomAuthorizerRequest),
            new LambdaContext("r1", "arn:aws:lambda:us-east-1:123456789012:function:authorize", DateTimeOffset.UtcNow.AddSeconds(10), null), CancellationToken.None);
        return LambdaPayload.Read(answer, LambdaJsonContext.Default.APIGatewayCustomAuthorizerResponse);
    }

    private static void AssertDenied(APIGatewayCustomAuthorizerResponse response)
    {
        var statement = Assert.Single(response.PolicyDocument!.Statement);
        Assert.Equal("Deny", statement.Effect);
        Assert.Equal([Route], statement.Resource);
        Assert.Null(response.Context);
    }

    [Fact]
    public async Task A_valid_ID_token_offered_beside_the_protocol_is_allowed_on_the_route_with_the_users_list_in_the_context()
    {
        var response = await AuthorizeAsync($"todo.v1, {Token()}");

        var statement = Assert.Single(response.PolicyDocument!.Statement);
        Assert.Equal("Allow", statement.Effect);
        Assert.Equal(["execute-api:Invoke"], statement.Action);
        Assert.Equal([Route], statement.Resource);
        Assert.Equal(Sub, response.PrincipalID);
        Assert.Equal(new Dictionary<string, string> { ["listId"] = Sub, ["userId"] = Sub }, response.Context);
    }

    [Fact]
    public async Task The_pools_keys_are_fetched_once_for_many_tokens()
    {
        for (var i = 0; i < 3; i++)
            Assert.Equal("Allow", Assert.Single((await AuthorizeAsync($"todo.v1, {Token()}")).PolicyDocument!.Statement).Effect);

        Assert.Equal(1, jwks.Requests);
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "expired", $"todo.v1, {Token(TimeSpan.FromSeconds(-1))}" },
        { "another pool", $"todo.v1, {Token(issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other")}" },
        { "another client", $"todo.v1, {Token(audience: "other-client")}" },
        { "an access token", $"todo.v1, {Token(use: "access")}" },
        { "signed by another key under the pool's key id", $"todo.v1, {Token(key: OtherKey)}" },
        { "a key id the pool does not have", $"todo.v1, {Token(keyId: "unknown")}" },
        { "a sub that is not a UUID", $"todo.v1, {Token(sub: "default")}" },
        { "no token", "todo.v1" },
        { "two tokens", $"todo.v1, {Token()}, {Token()}" },
        { "malformed", "todo.v1, not-a-token" },
        { "three parts of garbage", "todo.v1, a.b.c" },
        { "base64 of no JSON", $"todo.v1, {B64("nope")}.{B64("nope")}.{B64("nope")}" },
        { "alg none", $"todo.v1, {B64("""{"alg":"none","kid":"pool-key"}""")}.{Token().Split('.')[1]}." },
        { "HS256 over the public key", $"todo.v1, {B64("""{"alg":"HS256","kid":"pool-key"}""")}.{Token().Split('.')[1]}.{Token().Split('.')[2]}" },
        { "claims of the wrong types", $"todo.v1, {B64("""{"alg":"RS256","kid":"pool-key"}""")}.{B64("""{"exp":"soon","aud":["a"]}""")}.{Token().Split('.')[2]}" },
    };

    private static string B64(string text) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(text));

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Anything_but_a_valid_ID_token_of_the_pools_client_is_denied(string why, string protocols)
    {
        var response = await AuthorizeAsync(protocols);

        Assert.True(response.PolicyDocument is not null, why);
        AssertDenied(response);
    }

    [Fact]
    public async Task A_handshake_without_the_header_is_denied()
    {
        AssertDenied(await AuthorizeAsync(null));
    }

    /// <summary>The pool's JWKS endpoint, counting its requests.</summary>
    private sealed class JwksServer(RSA key, string keyId) : HttpMessageHandler
    {
        private int requests;

        public int Requests => requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref requests);
            Assert.Equal(Issuer + "/.well-known/jwks.json", request.RequestUri!.ToString());
            var parameters = key.ExportParameters(false);
            var body = JsonSerializer.Serialize(new
            {
                keys = new[] { new { kid = keyId, kty = "RSA", alg = "RS256", use = "sig", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } },
            });
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
