using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck.Fluent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Todo.Local.ApiGateway;

namespace Todo.Tests.Local;

/// <summary>
/// The local host's Cognito authorizer on tokens signed here, each wrong in one way: only an unexpired
/// RS256 ID token of the pool's key, issuer and client passes, and its claims come out as API Gateway
/// renders them. No input makes it throw.
/// </summary>
public sealed class CognitoAuthorizerTests
{
    private const string Issuer = "http://127.0.0.1:9229/local_pool";
    private const string ClientId = "web-client";
    private const string Sub = "0f8fad5b-d9cb-469f-a165-70867728950e";

    /// <summary>Both carry the pool's key id: only the key itself tells them apart.</summary>
    private static readonly RsaSecurityKey PoolKey = new(RSA.Create(2048)) { KeyId = "CognitoLocal" };
    private static readonly RsaSecurityKey OtherKey = new(RSA.Create(2048)) { KeyId = "CognitoLocal" };

    /// <summary>As the template's expression reads once the client's id stands for its Ref.</summary>
    private readonly CognitoAuthorizer authorizer = new("Authorization", Issuer, new Regex($"^{ClientId}$"), [PoolKey]);

    private static Dictionary<string, object> IdClaims(TimeSpan expiresIn, string issuer = Issuer, string audience = ClientId, string use = "id")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new Dictionary<string, object>
        {
            ["sub"] = Sub,
            ["cognito:username"] = Sub,
            ["email"] = "a@example.com",
            ["email_verified"] = false,
            ["token_use"] = use,
            ["auth_time"] = now,
            ["iat"] = now,
            ["exp"] = now + (long)expiresIn.TotalSeconds,
            ["iss"] = issuer,
            ["aud"] = audience,
        };
    }

    private static string Sign(Dictionary<string, object> claims, SecurityKey? key = null) =>
        new JsonWebTokenHandler().CreateToken(JsonSerializer.Serialize(claims), new SigningCredentials(key ?? PoolKey, SecurityAlgorithms.RsaSha256));

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    /// <summary>An unsigned token: <c>alg</c> none and an empty signature.</summary>
    private static string Unsigned(Dictionary<string, object> claims) =>
        $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{Base64Url(JsonSerializer.Serialize(claims))}.";

    private static string Valid() => Sign(IdClaims(TimeSpan.FromHours(1)));

    [Fact]
    public async Task A_valid_ID_token_passes_with_every_claim_a_string_as_API_Gateway_renders_it()
    {
        var claims = IdClaims(TimeSpan.FromHours(1));

        var passed = await authorizer.AuthorizeAsync($"Bearer {Sign(claims)}");

        Assert.NotNull(passed);
        Assert.Equal(Sub, passed["sub"]);
        Assert.Equal("id", passed["token_use"]);
        Assert.Equal("false", passed["email_verified"]);
        Assert.Equal(claims["auth_time"].ToString(), passed["auth_time"]);
        var exp = DateTimeOffset.FromUnixTimeSeconds((long)claims["exp"]).UtcDateTime;
        Assert.Equal(exp.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture), passed["exp"]);
        Assert.Matches(@"^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$", passed["iat"]);
        Assert.Equal(ClientId, passed["aud"]);
    }

    [Fact]
    public async Task A_bare_token_passes_as_a_Bearer_one_does()
    {
        Assert.NotNull(await authorizer.AuthorizeAsync(Valid()));
        Assert.NotNull(await authorizer.AuthorizeAsync($"bearer {Valid()}"));
    }

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_still_passes_one_expired_longer_does_not()
    {
        Assert.NotNull(await authorizer.AuthorizeAsync(Sign(IdClaims(-CognitoAuthorizer.ClockSkew / 2))));
        Assert.Null(await authorizer.AuthorizeAsync(Sign(IdClaims(-CognitoAuthorizer.ClockSkew * 2))));
    }

    public static TheoryData<string, string?> WrongTokens => new()
    {
        { "no header", null },
        { "empty", "" },
        { "Bearer alone", "Bearer " },
        { "not a JWT", "Bearer not-a-token" },
        { "another scheme", $"Basic {Convert.ToBase64String("a:b"u8)}" },
        { "three parts of nothing", "Bearer a.b.c" },
        { "signed by another key", Sign(IdClaims(TimeSpan.FromHours(1)), OtherKey) },
        { "alg none", Unsigned(IdClaims(TimeSpan.FromHours(1))) },
        { "expired", Sign(IdClaims(TimeSpan.FromMinutes(-5))) },
        { "another pool's issuer", Sign(IdClaims(TimeSpan.FromHours(1), issuer: "http://127.0.0.1:9229/local_other")) },
        { "another client's audience", Sign(IdClaims(TimeSpan.FromHours(1), audience: "other-client")) },
        { "an access token", Sign(IdClaims(TimeSpan.FromHours(1), use: "access")) },
        { "a payload swapped under a valid signature", Tampered() },
    };

    private static string Tampered()
    {
        var parts = Valid().Split('.');
        var claims = IdClaims(TimeSpan.FromHours(1));
        claims["sub"] = "someone-else";
        return $"{parts[0]}.{Base64Url(JsonSerializer.Serialize(claims))}.{parts[2]}";
    }

    [Theory]
    [MemberData(nameof(WrongTokens))]
    public async Task A_wrong_token_is_refused(string what, string? header)
    {
        Assert.True(await authorizer.AuthorizeAsync(header) is null, $"{what} passed");
    }

    /// <summary>Tokens wrong in any combination of ways: one passes exactly when nothing about it is wrong.</summary>
    [Fact]
    public async Task A_generated_token_passes_exactly_when_key_issuer_audience_use_and_expiry_are_all_right()
    {
        var cases =
            from rightKey in Gen.Elements(true, false)
            from rightIssuer in Gen.Elements(true, false)
            from rightAudience in Gen.Elements(true, false)
            from idToken in Gen.Elements(true, false)
            from minutes in Gen.Choose(-120, 120)
            select (rightKey, rightIssuer, rightAudience, idToken, minutes);

        foreach (var (rightKey, rightIssuer, rightAudience, idToken, minutes) in cases.Sample(200, 10))
        {
            // A minute either side of now is inside the skew or close to it: left out, to keep the expectation exact.
            if (Math.Abs(minutes) < 2)
                continue;
            var claims = IdClaims(TimeSpan.FromMinutes(minutes), rightIssuer ? Issuer : Issuer + "x", rightAudience ? ClientId : "x" + ClientId, idToken ? "id" : "access");
            var expected = rightKey && rightIssuer && rightAudience && idToken && minutes > 0;

            var passed = await authorizer.AuthorizeAsync("Bearer " + Sign(claims, rightKey ? PoolKey : OtherKey));

            Assert.True(expected == passed is not null, $"key {rightKey}, issuer {rightIssuer}, audience {rightAudience}, id {idToken}, expires in {minutes} min: {(passed is null ? "refused" : "passed")}");
        }
    }

    /// <summary>API Gateway checks <c>aud</c> only against the validation expression: without one, any client of the pool passes.</summary>
    [Fact]
    public async Task Without_a_validation_expression_another_clients_token_passes()
    {
        var open = new CognitoAuthorizer("Authorization", Issuer, audience: null, [PoolKey]);
        var token = "Bearer " + Sign(IdClaims(TimeSpan.FromHours(1), audience: "other-client"));

        Assert.NotNull(await open.AuthorizeAsync(token));
        Assert.Null(await authorizer.AuthorizeAsync(token));
    }

    [Fact]
    public async Task Any_text_in_the_header_is_refused_without_an_exception()
    {
        var texts = Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>(),
            from parts in Gen.ArrayOf(ArbMap.Default.GeneratorFor<string>(), 3) select "Bearer " + string.Join('.', parts),
            from text in ArbMap.Default.GeneratorFor<string>() select "Bearer " + Base64Url(text ?? "") + "." + Base64Url(text ?? "") + ".");

        foreach (var text in texts.Sample(500, 40))
            Assert.Null(await authorizer.AuthorizeAsync(text));
    }
}
