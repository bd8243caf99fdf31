using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Todo.Live.ApiGatewayManagementApi;

namespace Todo.Tests.Live;

/// <summary>
/// The <c>@connections</c> client's requests as API Gateway receives them (method, path, body, a SigV4 signature that
/// verifies), and its errors as the SDK maps them, against a stand-in on 127.0.0.1.
/// </summary>
public sealed class ManagementApiClientTests : IAsyncLifetime
{
    private const string Region = "eu-west-1";
    private static readonly ImmutableCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token/with+signs=");
    private static readonly HttpClient Http = new();
    private ManagementEndpoint endpoint = null!;

    public async Task InitializeAsync() => endpoint = await ManagementEndpoint.StartAsync();

    public async Task DisposeAsync() => await endpoint.DisposeAsync();

    private AmazonApiGatewayManagementApiClient Client(ImmutableCredentials? credentials = null, string? region = Region) =>
        new(Http, endpoint.StageUrl, region, credentials ?? Credentials);

    [Theory]
    [InlineData("L0SM9cOFvHcCIhw=", "/prod/%40connections/L0SM9cOFvHcCIhw%3D")]
    [InlineData("a+b/c=", "/prod/%40connections/a%2Bb%2Fc%3D")]
    [InlineData("local-42", "/prod/%40connections/local-42")]
    public async Task A_post_sends_the_data_to_the_connections_path_signed_for_execute_api(string connectionId, string path)
    {
        var data = """{"type":"change","id":"x","version":1,"deleted":true}"""u8.ToArray();

        await Client().PostToConnectionAsync(connectionId, data, CancellationToken.None);

        var request = Assert.Single(endpoint.Requests);
        Assert.Equal(("POST", path, connectionId), (request.Method, request.RawTarget, request.ConnectionId));
        Assert.Equal(data, request.Body);
        AssertSignedBy(Credentials, request);
    }

    [Fact]
    public async Task A_stage_URL_written_with_a_trailing_slash_is_the_same_stage()
    {
        var client = new AmazonApiGatewayManagementApiClient(Http, new Uri(endpoint.StageUrl + "/"), Region, Credentials);

        await client.PostToConnectionAsync("c1", "{}"u8.ToArray(), CancellationToken.None);

        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("/prod/%40connections/c1", request.RawTarget);
        AssertSignedBy(Credentials, request);
    }

    [Fact]
    public async Task A_delete_closes_the_connection_with_a_signed_DELETE_of_no_body()
    {
        await Client().DeleteConnectionAsync("L0SM9cOFvHcCIhw=", CancellationToken.None);

        var request = Assert.Single(endpoint.Requests);
        Assert.Equal(("DELETE", "/prod/%40connections/L0SM9cOFvHcCIhw%3D"), (request.Method, request.RawTarget));
        Assert.Empty(request.Body);
        AssertSignedBy(Credentials, request);
    }

    [Fact]
    public async Task Long_term_keys_sign_without_a_session_token()
    {
        var keys = new ImmutableCredentials("local", "local", null);

        await Client(keys).PostToConnectionAsync("c1", "{}"u8.ToArray(), CancellationToken.None);

        var request = Assert.Single(endpoint.Requests);
        Assert.False(request.Headers.ContainsKey("x-amz-security-token"));
        AssertSignedBy(keys, request);
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_does_not_verify()
    {
        await Client(new ImmutableCredentials(Credentials.AccessKey, "another secret", Credentials.Token)).PostToConnectionAsync("c1", "{}"u8.ToArray(), CancellationToken.None);

        var request = Assert.Single(endpoint.Requests);
        Assert.NotEqual(Expected(Credentials, request), request.Headers["authorization"]);
    }

    public static TheoryData<int, string?, Type> Errors => new()
    {
        { 410, null, typeof(GoneException) },
        { 403, null, typeof(ForbiddenException) },
        { 413, null, typeof(PayloadTooLargeException) },
        { 429, null, typeof(LimitExceededException) },
        { 410, "GoneException:http://internal.amazon.com/coral/com.amazonaws.apigateway.management/", typeof(GoneException) },
        { 400, "LimitExceededException", typeof(LimitExceededException) },
        { 403, "InvalidSignatureException", typeof(AmazonApiGatewayManagementApiException) },
        { 500, null, typeof(AmazonApiGatewayManagementApiException) },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task An_error_is_the_SDKs_exception_for_it(int status, string? errorType, Type expected)
    {
        endpoint.Answer = (_, _) => Task.FromResult(new ManagementAnswer(status, errorType, """{"message":"refused by the test"}"""));

        var error = await Assert.ThrowsAnyAsync<AmazonApiGatewayManagementApiException>(() => Client().PostToConnectionAsync("c1", "{}"u8.ToArray(), CancellationToken.None));

        Assert.IsType(expected, error);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal("refused by the test", error.Message);
        Assert.Equal(status >= 500 ? ErrorType.Receiver : ErrorType.Sender, error.ErrorType);
        Assert.NotNull(error.RequestId);
        if (errorType is not null)
            Assert.Equal(errorType.Split(':')[0], error.ErrorCode);
    }

    [Fact]
    public async Task Without_credentials_or_a_region_a_call_fails_as_an_SDK_call_does_and_sends_nothing()
    {
        var noCredentials = new AmazonApiGatewayManagementApiClient(Http, endpoint.StageUrl, Region, null);

        await Assert.ThrowsAsync<AmazonClientException>(() => noCredentials.PostToConnectionAsync("c1", "{}"u8.ToArray(), CancellationToken.None));
        await Assert.ThrowsAsync<AmazonClientException>(() => Client(region: null).PostToConnectionAsync("c1", "{}"u8.ToArray(), CancellationToken.None));
        Assert.Empty(endpoint.Requests);
    }

    /// <summary>
    /// Verifies the request as API Gateway does: the canonical request rebuilt here from what arrived (by SigV4's
    /// rules, not the client's code: the path as received, each segment encoded again), signed with the SDK's signer,
    /// must give the Authorization header it came with.
    /// </summary>
    private static void AssertSignedBy(ImmutableCredentials credentials, ManagementRequest request)
    {
        var authorization = request.Headers["authorization"];
        var date = request.Headers["x-amz-date"];
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={credentials.AccessKey}/{date[..8]}/{Region}/execute-api/aws4_request, ", authorization);
        // The SDK's credentials hold no token as an empty one.
        var token = string.IsNullOrEmpty(credentials.Token) ? null : credentials.Token;
        Assert.Contains(token is null ? "SignedHeaders=host;x-amz-date," : "SignedHeaders=host;x-amz-date;x-amz-security-token,", authorization);
        Assert.Equal(token, request.Headers.GetValueOrDefault("x-amz-security-token"));
        Assert.Equal(Expected(credentials, request), authorization);
    }

    private static string Expected(ImmutableCredentials credentials, ManagementRequest request)
    {
        var authorization = request.Headers["authorization"];
        var signedHeaders = authorization.Split("SignedHeaders=")[1].Split(',')[0];
        var canonicalRequest = string.Join('\n',
            request.Method,
            string.Join('/', request.RawTarget.Split('/').Select(Rfc3986)),
            "",
            string.Concat(signedHeaders.Split(';').Select(name => $"{name}:{request.Headers[name].Trim()}\n")),
            signedHeaders,
            Convert.ToHexStringLower(SHA256.HashData(request.Body)));
        var signedAt = DateTime.ParseExact(request.Headers["x-amz-date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return AWS4Signer.ComputeSignature(credentials, Region, signedAt, "execute-api", signedHeaders, canonicalRequest).ForAuthorizationHeader;
    }

    /// <summary>SigV4's URI encoding: every byte but RFC 3986's unreserved characters as %XX, upper-case hex.</summary>
    private static string Rfc3986(string text) =>
        string.Concat(Encoding.UTF8.GetBytes(text).Select(b =>
            char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~' ? ((char)b).ToString() : $"%{b:X2}"));
}
