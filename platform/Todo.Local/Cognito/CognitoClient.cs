using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Todo.Local.Template;

namespace Todo.Local.Cognito;

/// <summary>
/// The Cognito user pool API (JSON 1.1, one POST with an <c>X-Amz-Target</c> per action) as the local host
/// and the tests call it on cognito-local: the pool and client the template declares, and a user's sign-up
/// and sign-in, as the web app does them.
/// </summary>
public sealed class CognitoClient(HttpClient http, Uri endpoint)
{
    public Uri Endpoint => endpoint;

    /// <summary>The template's pool, found by its name or created: an existing pool keeps its users.</summary>
    public async Task<string> EnsurePoolAsync(CognitoResource pool, CancellationToken cancellationToken)
    {
        var properties = Request(pool.Properties);
        var name = properties["UserPoolName"]?.GetValue<string>() ?? throw new TemplateException($"{pool.LogicalId} has no UserPoolName.");
        var pools = await CallAsync("ListUserPools", new JsonObject { ["MaxResults"] = 60 }, cancellationToken);
        if (pools["UserPools"]?.AsArray().FirstOrDefault(p => p?["Name"]?.GetValue<string>() == name) is { } existing)
            return existing["Id"]!.GetValue<string>();
        properties.Remove("UserPoolName");
        properties["PoolName"] = name;
        return (await CallAsync("CreateUserPool", properties, cancellationToken))["UserPool"]!["Id"]!.GetValue<string>();
    }

    /// <summary>
    /// The template's app client of the pool, found by its name or created. One kept from an earlier run is
    /// given the template's settings again, its token lifetimes among them: the template may have changed since.
    /// </summary>
    public async Task<string> EnsureClientAsync(string poolId, CognitoResource client, CancellationToken cancellationToken)
    {
        var properties = Request(client.Properties);
        var name = properties["ClientName"]?.GetValue<string>() ?? throw new TemplateException($"{client.LogicalId} has no ClientName.");
        properties["UserPoolId"] = poolId;
        var clients = await CallAsync("ListUserPoolClients", new JsonObject { ["UserPoolId"] = poolId, ["MaxResults"] = 60 }, cancellationToken);
        if (clients["UserPoolClients"]?.AsArray().FirstOrDefault(c => c?["ClientName"]?.GetValue<string>() == name) is { } existing)
        {
            var clientId = existing["ClientId"]!.GetValue<string>();
            properties.Remove("GenerateSecret"); // fixed when a client is made: not a setting UpdateUserPoolClient takes
            properties["ClientId"] = clientId;
            await CallAsync("UpdateUserPoolClient", properties, cancellationToken);
            return clientId;
        }
        return (await CallAsync("CreateUserPoolClient", properties, cancellationToken))["UserPoolClient"]!["ClientId"]!.GetValue<string>();
    }

    public Task SignUpAsync(string clientId, string email, string password, CancellationToken cancellationToken) =>
        CallAsync("SignUp", new JsonObject
        {
            ["ClientId"] = clientId,
            ["Username"] = email,
            ["Password"] = password,
            ["UserAttributes"] = new JsonArray(new JsonObject { ["Name"] = "email", ["Value"] = email }),
        }, cancellationToken);

    public Task ConfirmSignUpAsync(string clientId, string email, string code, CancellationToken cancellationToken) =>
        CallAsync("ConfirmSignUp", new JsonObject { ["ClientId"] = clientId, ["Username"] = email, ["ConfirmationCode"] = code }, cancellationToken);

    public Task AdminConfirmSignUpAsync(string poolId, string email, CancellationToken cancellationToken) =>
        CallAsync("AdminConfirmSignUp", new JsonObject { ["UserPoolId"] = poolId, ["Username"] = email }, cancellationToken);

    /// <summary>Signs in with USER_PASSWORD_AUTH, as the web app does.</summary>
    public async Task<CognitoTokens> SignInAsync(string clientId, string email, string password, CancellationToken cancellationToken)
    {
        var result = (await CallAsync("InitiateAuth", new JsonObject
        {
            ["ClientId"] = clientId,
            ["AuthFlow"] = "USER_PASSWORD_AUTH",
            ["AuthParameters"] = new JsonObject { ["USERNAME"] = email, ["PASSWORD"] = password },
        }, cancellationToken))["AuthenticationResult"]!;
        return new CognitoTokens(result["IdToken"]!.GetValue<string>(), result["AccessToken"]!.GetValue<string>(), result["RefreshToken"]!.GetValue<string>());
    }

    public async Task<JsonObject> CallAsync(string action, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", $"AWSCognitoIdentityProviderService.{action}");
        using var response = await http.SendAsync(request, cancellationToken);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject ?? [];
        if (!response.IsSuccessStatusCode)
            throw new CognitoException(answer["__type"]?.GetValue<string>() ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
                answer["message"]?.GetValue<string>() ?? $"{action} failed");
        return answer;
    }

    /// <summary>
    /// A resource's properties as an API request: the template's values are all text, the API's are
    /// typed, so whole numbers and booleans are given their JSON types.
    /// </summary>
    private static JsonObject Request(IReadOnlyDictionary<string, object?> properties) => (JsonObject)Json(properties)!;

    private static JsonNode? Json(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, Json(p.Value)))),
        List<object?> list => new JsonArray(list.Select(Json).ToArray()),
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        string text when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        null => null,
        var other => JsonValue.Create(other.ToString()),
    };
}

/// <summary>What a sign-in gives: the ID token the API takes, the access token, and the refresh token that renews both.</summary>
public sealed record CognitoTokens(string IdToken, string AccessToken, string RefreshToken);

/// <summary>An error the Cognito API answered, by its type (such as <c>UsernameExistsException</c>).</summary>
public sealed class CognitoException(string type, string message) : Exception($"{type}: {message}")
{
    public string Type { get; } = type;
}
