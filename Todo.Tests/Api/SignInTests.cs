using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Todo.LocalStack;
using Todo.Tests.Support;

namespace Todo.Tests.Api;

/// <summary>
/// The app with sign-in, through its HTTP API: every route of the todos answers a request without a
/// valid ID token of the pool's client with API Gateway's 401 and writes nothing; the API description,
/// the CORS preflights and the web app's config stay open.
/// </summary>
[Slow]
public sealed class SignInTests(SignInAppFixture fixture) : IClassFixture<SignInAppFixture>
{
    private static readonly (string Method, string Path, string? Body)[] Routes =
    [
        ("POST", "/api/todos", """{"text":"Not without a token"}"""),
        ("GET", "/api/todos", null),
        ("GET", "/api/todos/{id}", null),
        ("GET", "/api/todos/{id}?asOfVersion=1", null),
        ("GET", "/api/todos/{id}/events", null),
        ("GET", "/api/todos/changes", null),
        ("PUT", "/api/todos/{id}", """{"completed":true}"""),
        ("DELETE", "/api/todos/{id}", null),
    ];

    /// <summary>The header each wrong token is sent in: none at all, or one derived from a real user's tokens.</summary>
    private static Dictionary<string, string?> WrongAuthorizations(TestUser user)
    {
        var parts = user.Tokens.IdToken.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        var foreignKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "CognitoLocal" };
        return new Dictionary<string, string?>
        {
            ["missing"] = null,
            ["malformed"] = "Bearer not.a-token",
            ["another scheme"] = "Basic dXNlcjpwYXNz",
            ["an access token"] = $"Bearer {user.Tokens.AccessToken}",
            ["the refresh token"] = $"Bearer {user.Tokens.RefreshToken}",
            ["alg none"] = $"Bearer {Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.",
            ["another key's signature"] = "Bearer " + new JsonWebTokenHandler().CreateToken(payload, new SigningCredentials(foreignKey, SecurityAlgorithms.RsaSha256)),
            ["a tampered payload"] = $"Bearer {parts[0]}.{Base64UrlEncoder.Encode(payload.Replace(user.Email, "mallory@example.com", StringComparison.Ordinal))}.{parts[2]}",
        };
    }

    [Fact]
    public async Task Without_a_valid_ID_token_every_route_answers_401_and_writes_nothing()
    {
        var user = await fixture.NewUserAsync();
        var id = (await user.Api.CreateAsync("Kept as it is")).Text("id");
        await user.Api.EventuallyAsync(a => a.GetAsync(id), TodoApi.IsOk);
        var before = await fixture.CountEventsAsync();

        foreach (var (what, authorization) in WrongAuthorizations(user))
        {
            foreach (var (method, path, body) in Routes)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", id, StringComparison.Ordinal));
                if (body is not null)
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                if (authorization is not null)
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);

                var answer = await ApiResponse.ReadAsync(await fixture.Http.SendAsync(request));

                Assert.True(answer.Status == HttpStatusCode.Unauthorized, $"{what}: {method} {path} answered {(int)answer.Status} {answer.Body}");
                Assert.Equal("""{"message":"Unauthorized"}""", answer.Body.GetRawText());
                Assert.Equal(fixture.App.Origin, answer.Header("Access-Control-Allow-Origin"));
            }
        }

        Assert.Equal(before, await fixture.CountEventsAsync());
        Assert.Equal("Kept as it is", (await user.Api.GetAsync(id)).Text("text"));
    }

    [Fact]
    public async Task A_signed_in_user_goes_through_the_whole_lifecycle()
    {
        var user = await fixture.NewUserAsync();

        var created = await user.Api.CreateAsync("Signed in");
        var id = created.Text("id");
        var updated = await user.Api.UpdateAsync(id, new { completed = true });
        await user.Api.EventuallyAsync(a => a.GetAsync(id), r => TodoApi.IsOk(r) && r.Body.GetProperty("completed").GetBoolean());
        var history = await user.Api.SendAsync(HttpMethod.Get, $"/api/todos/{id}/events");
        var deleted = await user.Api.DeleteAsync(id);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal(2, history.Body.GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
    }

    [Fact]
    public async Task The_API_description_the_preflights_and_the_web_apps_config_need_no_token()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/todos");
        var options = await fixture.Http.SendAsync(preflight);
        var description = await fixture.Http.GetAsync("/api/openapi.json");
        var config = await ApiResponse.ReadAsync(await fixture.Http.GetAsync("/config.json"));

        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        Assert.Contains("Authorization", string.Join(",", options.Headers.GetValues("Access-Control-Allow-Headers")));
        Assert.Equal(HttpStatusCode.OK, description.StatusCode);
        var auth = config.Body.GetProperty("auth");
        Assert.Equal(fixture.Users.UserPoolId, auth.GetProperty("userPoolId").GetString());
        Assert.Equal(fixture.Users.ClientId, auth.GetProperty("clientId").GetString());
        Assert.Equal(fixture.Users.Endpoint.ToString(), auth.GetProperty("endpoint").GetString());
    }

    [Fact]
    public void The_endpoints_file_holds_the_tables_and_the_user_pool_once_the_host_has_started()
    {
        var endpoints = LocalEndpoints.FromJson(File.ReadAllText(fixture.EndpointsFile));

        Assert.Equal(fixture.App.DynamoDbUrl.ToString(), endpoints.DynamoDbUrl);
        Assert.Equal(fixture.EventsTable, endpoints.Tables["EventsTable"]);
        Assert.Equal(fixture.TodosTable, endpoints.Tables["TodosTable"]);
        Assert.Equal(fixture.App.Template.Tables.Count, endpoints.Tables.Count);
        Assert.Equal(new CognitoEndpoint(fixture.Users.Endpoint.ToString(), fixture.Users.UserPoolId, fixture.Users.ClientId), endpoints.Cognito);
    }

    [Fact]
    public async Task ID_and_access_tokens_last_as_long_as_the_templates_client_says()
    {
        var user = await fixture.NewUserAsync();

        Assert.Equal(TokenLifetime.Declared(fixture.App.Template, "IdToken"), TokenLifetime.Of(user.Tokens.IdToken));
        Assert.Equal(TokenLifetime.Declared(fixture.App.Template, "AccessToken"), TokenLifetime.Of(user.Tokens.AccessToken));
    }

    [Fact]
    public async Task The_demo_user_can_sign_in_at_once()
    {
        var tokens = await fixture.Users.Client.SignInAsync(fixture.Users.ClientId, Todo.Local.Cognito.LocalUsers.DemoEmail, Todo.Local.Cognito.LocalUsers.DemoPassword, CancellationToken.None);

        var list = await new TodoApi(fixture.Http, tokens.IdToken).ListAsync();

        Assert.Equal(HttpStatusCode.OK, list.Status);
    }
}
