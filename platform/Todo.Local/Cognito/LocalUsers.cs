using System.Text.RegularExpressions;
using Todo.Local.ApiGateway;
using Todo.Local.Template;
using Todo.LocalStack;

namespace Todo.Local.Cognito;

/// <summary>
/// The template's user pool on cognito-local, as the local host runs it: the pool and app client the
/// template declares, the authorizer that checks their ID tokens, and a demo user to sign in with. The host
/// sets these up on cognito-local directly, as an administrator would; clients call the <see cref="CognitoProxy"/>
/// in front of it, which refuses them what Cognito refuses.
/// </summary>
public sealed class LocalUsers : IAsyncDisposable
{
    /// <summary>Signed up and confirmed at every start, so a newcomer can sign in at once.</summary>
    public const string DemoEmail = "demo@example.com";

    public const string DemoPassword = "Demo-todo-list-1";

    private readonly CognitoProxy proxy;
    private readonly HttpClient http;
    private readonly ConfirmationCodes codes;

    private LocalUsers(CognitoLocal engine, CognitoProxy proxy, HttpClient http, ConfirmationCodes codes, string userPoolId, string clientId, CognitoAuthorizer authorizer)
    {
        Engine = engine;
        this.proxy = proxy;
        this.http = http;
        this.codes = codes;
        Client = new CognitoClient(http, proxy.Url);
        UserPoolId = userPoolId;
        ClientId = clientId;
        Authorizer = authorizer;
    }

    /// <summary>Where clients call Cognito: the proxy in front of cognito-local.</summary>
    public Uri Endpoint => proxy.Url;

    /// <summary>cognito-local itself, supervised: its own endpoint is the tokens' issuer.</summary>
    public CognitoLocal Engine { get; }

    public string UserPoolId { get; }

    /// <summary>The <c>iss</c> of the pool's tokens: cognito-local's own endpoint and the pool id; its JWKS is under it.</summary>
    public string Issuer => $"{Engine.ServiceUrl.GetLeftPart(UriPartial.Authority)}/{UserPoolId}";
    public string ClientId { get; }

    /// <summary>Where the web app and tools sign users in: the endpoint, the pool and its client.</summary>
    public CognitoEndpoint SignInEndpoint => new(Endpoint.ToString(), UserPoolId, ClientId);

    /// <summary>The Cognito API at <see cref="Endpoint"/>, as the web app calls it.</summary>
    public CognitoClient Client { get; }

    public CognitoAuthorizer Authorizer { get; }

    /// <summary>The code cognito-local "sent" to the address (the host logs each one), as the user types it in.</summary>
    public string? ConfirmationCode(string email) => codes.For(email);

    /// <param name="dataFolder">Where users persist across restarts; null keeps them for this run.</param>
    public static async Task<LocalUsers> StartAsync(CognitoAuthorizerDefinition definition, string toolsFolder, string? dataFolder, ILogger logger, CancellationToken cancellationToken)
    {
        var engine = await CognitoLocal.StartAsync(toolsFolder, dataFolder, logger, cancellationToken);
        var http = new HttpClient();
        CognitoProxy? proxy = null;
        try
        {
            var setup = new CognitoClient(http, engine.ServiceUrl);
            var poolId = await setup.EnsurePoolAsync(definition.Pool, cancellationToken);
            var clientId = await setup.EnsureClientAsync(poolId, definition.Client, cancellationToken);
            var audience = definition.ValidationExpression is { } expression
                ? new Regex(expression.Replace(definition.Client.LogicalId, clientId, StringComparison.Ordinal), RegexOptions.None, TimeSpan.FromSeconds(1))
                : null;
            var authorizer = await CognitoAuthorizer.CreateAsync(http, engine.ServiceUrl, poolId, audience, definition.Header, cancellationToken);
            await EnsureDemoUserAsync(setup, poolId, clientId, cancellationToken);
            proxy = await CognitoProxy.StartAsync(engine.ServiceUrl, cancellationToken);
            return new LocalUsers(engine, proxy, http, new ConfirmationCodes(engine.Folder, poolId, logger), poolId, clientId, authorizer);
        }
        catch
        {
            if (proxy is not null)
                await proxy.DisposeAsync();
            http.Dispose();
            await engine.DisposeAsync();
            throw;
        }
    }

    private static async Task EnsureDemoUserAsync(CognitoClient client, string poolId, string clientId, CancellationToken cancellationToken)
    {
        try
        {
            await client.SignUpAsync(clientId, DemoEmail, DemoPassword, cancellationToken);
        }
        catch (CognitoException e) when (e.Type == "UsernameExistsException")
        {
            return; // kept from an earlier run, already confirmed
        }
        await client.AdminConfirmSignUpAsync(poolId, DemoEmail, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        codes.Dispose();
        await proxy.DisposeAsync();
        http.Dispose();
        await Engine.DisposeAsync();
    }
}
