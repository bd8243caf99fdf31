using System.Net;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Todo.Http;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.Core;
using Todo.Local;
using Todo.Local.Template;
using Todo.Tests.Support;

namespace Todo.Tests.Api;

/// <summary>
/// A store that is throttled or out of reach, after the SDK's own retries, is a fault the client may retry: every
/// API function answers 503 with Retry-After, never a 502. A request DynamoDB refuses as wrong is still a bug.
/// </summary>
public sealed class UnavailableTests
{
    private static readonly SamTemplate Template = TemplateLoader.Load(Repository.Template, "todo-local", new Dictionary<string, string>());

    /// <summary>Answers every DynamoDB call with the given status and error type, as the service does.</summary>
    private sealed class Refusing(HttpStatusCode status, string type) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Handler(status, type));

        private sealed class Handler(HttpStatusCode status, string type) : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(status)
                {
                    Content = new StringContent($$"""{"__type":"com.amazonaws.dynamodb.v20120810#{{type}}","message":"refused"}""", Encoding.UTF8, "application/x-amz-json-1.0"),
                });
        }
    }

    private static AmazonDynamoDBClient Client(HttpClientFactory? factory, string url = "http://127.0.0.1:1") => new(
        new BasicAWSCredentials(LocalAws.AccessKey, LocalAws.SecretKey),
        new AmazonDynamoDBConfig { ServiceURL = url, AuthenticationRegion = LocalAws.Region, MaxErrorRetry = 1, HttpClientFactory = factory });

    public static TheoryData<string, string, string> Routes => new()
    {
        { "create-todo", "POST", "" },
        { "update-todo", "PUT", "/3f8e2a1c-0000-4000-8000-000000000001" },
        { "delete-todo", "DELETE", "/3f8e2a1c-0000-4000-8000-000000000001" },
        { "get-todo", "GET", "/3f8e2a1c-0000-4000-8000-000000000001" },
        { "list-todos", "GET", "" },
        { "list-todo-events", "GET", "/3f8e2a1c-0000-4000-8000-000000000001/events" },
    };

    private static async Task<APIGatewayProxyResponse> InvokeAsync(IAmazonDynamoDB client, string handler, string method, string path)
    {
        var definition = Template.Functions.Single(f => f.Handler == handler);
        var environment = new Dictionary<string, string>(definition.Environment) { ["AUTH_MODE"] = "none" };
        var function = FunctionHost.Create(definition with { Environment = environment }, client);
        var id = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var request = DirectInvocation.Request(method, "/api/todos" + path, method is "POST" or "PUT" ? new { text = "Unreachable" } : null, id: id);
        var answer = await function.InvokeAsync(LambdaPayload.Write(request, LambdaJsonContext.Default.APIGatewayProxyRequest),
            new LambdaContext("r", LocalAws.FunctionArn(handler), DateTimeOffset.UtcNow.AddSeconds(30), null), CancellationToken.None);
        return LambdaPayload.Read(answer, LambdaJsonContext.Default.APIGatewayProxyResponse);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task An_unreachable_store_is_503_with_Retry_After(string handler, string method, string path)
    {
        using var client = Client(null);

        var response = await InvokeAsync(client, handler, method, path);

        Assert.Equal(503, response.StatusCode);
        Assert.Equal("1", response.Headers![Headers.RetryAfter]);
        Assert.Contains(ApiResponses.UnavailableMessage, response.Body);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "ProvisionedThroughputExceededException")]
    [InlineData(HttpStatusCode.BadRequest, "ThrottlingException")]
    [InlineData(HttpStatusCode.InternalServerError, "InternalServerError")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")]
    public async Task A_throttled_or_failing_store_is_503(HttpStatusCode status, string type)
    {
        using var client = Client(new Refusing(status, type));

        Assert.Equal(503, (await InvokeAsync(client, "get-todo", "GET", "/3f8e2a1c-0000-4000-8000-000000000001")).StatusCode);
    }

    [Fact]
    public async Task A_request_the_store_refuses_as_malformed_is_not_taken_for_a_fault()
    {
        using var client = Client(new Refusing(HttpStatusCode.BadRequest, "ValidationException"));

        await Assert.ThrowsAnyAsync<AmazonServiceException>(() => InvokeAsync(client, "get-todo", "GET", "/3f8e2a1c-0000-4000-8000-000000000001"));
        Assert.False(TransientFault.Is(new InvalidOperationException("a bug")));
    }
}
