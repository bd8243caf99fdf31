using System.Text;
using System.Text.Json;
using Todo.Stubs;
using Todo.Tests.Support;

namespace Todo.Tests.Deployment;

/// <summary>
/// Each function project's executable against a Runtime API stub on 127.0.0.1, as Lambda runs it: it
/// starts the handler <c>_HANDLER</c> names, answers invocations, reports handler failures and start-up failures.
/// </summary>
[Slow]
public sealed class FunctionExecutableTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private RuntimeApiStub stub = null!;

    public async Task InitializeAsync() => stub = await RuntimeApiStub.StartAsync();

    public async Task DisposeAsync() => await stub.DisposeAsync();

    private FunctionProcess Start(string project, string handler, Action<Dictionary<string, string?>>? change = null)
    {
        var environment = FunctionProcess.LambdaEnvironment(stub.Address, handler);
        change?.Invoke(environment);
        return FunctionProcess.Start(project, environment);
    }

    private static async Task<RuntimeReply> Within(Task<RuntimeReply> reply, FunctionProcess process)
    {
        try
        {
            return await reply.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No reply from the function. Its output:\n{process.Output}");
        }
    }

    private static byte[] ProxyEvent(string method, string resource, string path, string? id = null, string? body = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            resource,
            path,
            httpMethod = method,
            headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            pathParameters = id is null ? null : new Dictionary<string, string> { ["id"] = id },
            // The template's default AuthMode puts a Cognito authorizer in front: its claims come with every event.
            requestContext = new
            {
                requestId = Guid.NewGuid().ToString(),
                stage = "prod",
                httpMethod = method,
                resourcePath = resource,
                authorizer = new { claims = new Dictionary<string, string> { ["sub"] = "0f8fad5b-d9cb-469f-a165-70867728950e", ["token_use"] = "id" } },
            },
            body,
            isBase64Encoded = false,
        });

    public static TheoryData<string, string, byte[], int> ProxyEvents => new()
    {
        // Each answered before any DynamoDB call, which here would fail: the path id is no todo id, the body is not JSON.
        { "Todo.Queries", "get-todo", ProxyEvent("GET", "/api/todos/{id}", "/api/todos/not-a-uuid", id: "not-a-uuid"), 404 },
        { "Todo.Commands", "create-todo", ProxyEvent("POST", "/api/todos", "/api/todos", body: "{\"text\":"), 400 },
        { "Todo.Commands", "update-todo", ProxyEvent("PUT", "/api/todos/{id}", "/api/todos/nope", id: "nope", body: "{\"completed\":true}"), 404 },
    };

    [Theory]
    [MemberData(nameof(ProxyEvents))]
    public async Task A_proxy_event_gets_its_proxy_response(string project, string handler, byte[] proxyEvent, int status)
    {
        using var process = Start(project, handler);

        var reply = await Within(stub.InvokeAsync(StubInvocation.Of(proxyEvent)), process);

        Assert.Equal(RuntimeReplyKind.Response, reply.Kind);
        using var response = JsonDocument.Parse(reply.Body);
        Assert.Equal(status, response.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("https://todo.example", response.RootElement.GetProperty("headers").GetProperty("Access-Control-Allow-Origin").GetString());
        using var body = JsonDocument.Parse(response.RootElement.GetProperty("body").GetString()!);
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task The_projector_answers_a_stream_batch_with_its_batch_item_failures()
    {
        using var process = Start("Todo.Projections", "project-todos");
        // A MODIFY is no event to project, so the projector applies nothing and calls nothing.
        var batch = Encoding.UTF8.GetBytes("""
            {"Records":[{"eventID":"1","eventName":"MODIFY","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
              "dynamodb":{"Keys":{"todoId":{"S":"x"},"version":{"N":"1"}},"SequenceNumber":"100","SizeBytes":10,"StreamViewType":"NEW_IMAGE"},
              "eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/todo-test-events/stream/2026-01-01T00:00:00.000"}]}
            """);

        var reply = await Within(stub.InvokeAsync(StubInvocation.Of(batch)), process);

        Assert.Equal(RuntimeReplyKind.Response, reply.Kind);
        Assert.Equal("""{"batchItemFailures":[]}""", reply.Text);
    }

    [Fact]
    public async Task A_handler_exception_goes_to_the_error_endpoint_and_the_function_serves_on()
    {
        using var process = Start("Todo.Queries", "get-todo");

        var failed = await Within(stub.InvokeAsync(StubInvocation.Of("not json"u8.ToArray())), process);
        var next = await Within(stub.InvokeAsync(StubInvocation.Of(ProxyEvent("GET", "/api/todos/{id}", "/api/todos/x", id: "x"))), process);

        Assert.Equal(RuntimeReplyKind.Error, failed.Kind);
        Assert.Equal("application/vnd.aws.lambda.error+json", failed.ContentType);
        Assert.Equal("JsonException", failed.ErrorType);
        using var error = JsonDocument.Parse(failed.Body);
        Assert.Equal(["errorMessage", "errorType", "stackTrace"], error.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("JsonException", error.RootElement.GetProperty("errorType").GetString());
        Assert.Contains("invalid", error.RootElement.GetProperty("errorMessage").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(error.RootElement.GetProperty("stackTrace").EnumerateArray(), frame => frame.GetString()!.StartsWith("at ", StringComparison.Ordinal));
        Assert.Equal(RuntimeReplyKind.Response, next.Kind);
        // The failure is also logged as one JSON line with a level, which Lambda's log level filters on.
        using var log = JsonDocument.Parse(process.Output.Split('\n').First(l => l.Contains("JsonException", StringComparison.Ordinal)));
        Assert.Equal("ERROR", log.RootElement.GetProperty("level").GetString());
    }

    [Fact]
    public async Task An_unreachable_DynamoDB_is_a_503_to_retry_not_an_invocation_error()
    {
        using var process = Start("Todo.Queries", "get-todo");

        var reply = await Within(stub.InvokeAsync(StubInvocation.Of(ProxyEvent("GET", "/api/todos/{id}", "/api/todos/x", id: Guid.NewGuid().ToString()))), process);

        Assert.Equal(RuntimeReplyKind.Response, reply.Kind);
        using var answer = JsonDocument.Parse(reply.Text);
        Assert.Equal(503, answer.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("1", answer.RootElement.GetProperty("headers").GetProperty("Retry-After").GetString());
    }

    public static TheoryData<string, string, string?, string> BadConfigurations => new()
    {
        { "Todo.Commands", "_HANDLER", "get-todo", "No handler named 'get-todo'" },
        { "Todo.Queries", "_HANDLER", null, "No handler named ''" },
        { "Todo.Queries", "TODOS_TABLE", null, "The environment variable TODOS_TABLE is not set: expected the name of the first read table." },
        { "Todo.Commands", "EVENTS_TABLE", "", "The environment variable EVENTS_TABLE is not set: expected the name of the events table." },
        { "Todo.Projections", "TODOS_TABLE", " ", "The environment variable TODOS_TABLE is not set: expected the name of the first read table." },
        { "Todo.Projections", "PROJECTOR_CONCURRENCY", "many", "The environment variable PROJECTOR_CONCURRENCY is 'many': expected a whole number above 0." },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public async Task A_bad_configuration_is_an_init_error_and_the_process_exits(string project, string variable, string? value, string message)
    {
        var handler = project switch { "Todo.Commands" => "create-todo", "Todo.Queries" => "get-todo", _ => "project-todos" };
        using var process = Start(project, handler, environment => environment[variable] = value);

        var reply = await Within(stub.InitError, process);
        var exitCode = await process.WaitForExitAsync(Patience);

        Assert.Equal(RuntimeReplyKind.InitError, reply.Kind);
        Assert.Equal("InvalidOperationException", reply.ErrorType);
        using var error = JsonDocument.Parse(reply.Body);
        Assert.StartsWith(message, error.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal("InvalidOperationException", error.RootElement.GetProperty("errorType").GetString());
        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task Without_a_Runtime_API_the_executable_says_so_and_exits()
    {
        using var process = Start("Todo.Queries", "get-todo", environment => environment.Remove("AWS_LAMBDA_RUNTIME_API"));

        var exitCode = await process.WaitForExitAsync(Patience);

        Assert.Equal(2, exitCode);
        Assert.Contains("AWS_LAMBDA_RUNTIME_API is not set", process.Output, StringComparison.Ordinal);
    }
}
