using Todo.Lambda.Core;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Todo.Commands;
using Todo.Lambda;
using Todo.Lambda.Observability;
using Todo.Lambda.Runtime;
using Todo.Stubs;

namespace Todo.Tests.Deployment;

/// <summary>The Runtime API loop in this process with a probe handler: what it hands a handler for each invocation.</summary>
public sealed class LambdaRuntimeTests : IAsyncLifetime
{
    private const string TraceId = "Root=1-6b083cad-9a8b7c6d5e4f3a2b1c0d9e8f;Parent=5e1b4151ad3f5c3d;Sampled=1;Lineage=1:3f9a2b1c:0";

    private readonly CancellationTokenSource stop = new();
    private RuntimeApiStub stub = null!;
    private Task<int> loop = null!;

    /// <summary>Echoes what it was given: the context, the trace variable, and whether the deadline cancelled it.</summary>
    private sealed class ProbeFunction : ILambdaFunction
    {
        public async Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken cancellationToken)
        {
            if (Encoding.UTF8.GetString(payload.Span) == "\"wait\"")
                await Task.Delay(Timeout.Infinite, cancellationToken);
            return JsonSerializer.SerializeToUtf8Bytes(new
            {
                context.AwsRequestId,
                context.InvokedFunctionArn,
                Deadline = ((LambdaContext)context).Deadline.ToUnixTimeMilliseconds(),
                context.TraceId,
                TraceVariable = Environment.GetEnvironmentVariable(LambdaRuntime.TraceIdVariable),
                Payload = Encoding.UTF8.GetString(payload.Span),
            });
        }
    }

    private static readonly FunctionCatalog Probe = FunctionCatalog.Of((_, _) => 0,
        new Dictionary<string, Func<int, FunctionTelemetry, ILambdaFunction>> { ["probe"] = (_, _) => new ProbeFunction() });

    public async Task InitializeAsync()
    {
        stub = await RuntimeApiStub.StartAsync();
        var environment = new Dictionary<string, string> { ["AWS_LAMBDA_RUNTIME_API"] = stub.Address, ["_HANDLER"] = "probe" };
        loop = Task.Run(() => LambdaRuntime.RunAsync(Probe, environment, Services, stop.Token));
    }

    private static FunctionServices Services(IReadOnlyDictionary<string, string> environment) =>
        new(environment, new AmazonDynamoDBClient(new BasicAWSCredentials("x", "x"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9" }));

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        Assert.Equal(0, await loop.WaitAsync(TimeSpan.FromSeconds(10)));
        await stub.DisposeAsync();
        stop.Dispose();
    }

    private static JsonElement Echo(RuntimeReply reply)
    {
        Assert.Equal(RuntimeReplyKind.Response, reply.Kind);
        return JsonDocument.Parse(reply.Body).RootElement;
    }

    [Fact]
    public async Task The_handler_gets_the_request_id_deadline_function_arn_trace_id_and_payload()
    {
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        var invocation = StubInvocation.Of("{\"hello\":1}"u8.ToArray(), TraceId, deadline);

        var echo = Echo(await stub.InvokeAsync(invocation).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(invocation.RequestId, echo.GetProperty("AwsRequestId").GetString());
        Assert.Equal(StubInvocation.FunctionArn, echo.GetProperty("InvokedFunctionArn").GetString());
        Assert.Equal(deadline.ToUnixTimeMilliseconds(), echo.GetProperty("Deadline").GetInt64());
        Assert.Equal(TraceId, echo.GetProperty("TraceId").GetString());
        Assert.Equal("{\"hello\":1}", echo.GetProperty("Payload").GetString());
    }

    [Fact]
    public async Task The_trace_variable_is_the_current_invocations_and_cleared_when_it_has_none()
    {
        var traced = Echo(await stub.InvokeAsync(StubInvocation.Of("1"u8.ToArray(), TraceId)).WaitAsync(TimeSpan.FromSeconds(10)));
        var untraced = Echo(await stub.InvokeAsync(StubInvocation.Of("2"u8.ToArray())).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(TraceId, traced.GetProperty("TraceVariable").GetString());
        Assert.Equal(JsonValueKind.Null, untraced.GetProperty("TraceVariable").ValueKind);
    }

    [Fact]
    public async Task The_deadline_cancels_the_handler_which_is_then_reported_as_failed()
    {
        var invocation = StubInvocation.Of("\"wait\""u8.ToArray(), deadline: DateTimeOffset.UtcNow.AddMilliseconds(300));

        var reply = await stub.InvokeAsync(invocation).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RuntimeReplyKind.Error, reply.Kind);
        Assert.Equal("TaskCanceledException", reply.ErrorType);
    }

    [Fact]
    public async Task A_function_that_cannot_be_built_is_an_init_error_and_the_loop_ends()
    {
        await using var runtimeApi = await RuntimeApiStub.StartAsync();
        var environment = new Dictionary<string, string> { ["AWS_LAMBDA_RUNTIME_API"] = runtimeApi.Address, ["_HANDLER"] = "create-todo" };

        var exitCode = await LambdaRuntime.RunAsync(CommandFunctions.Catalog, environment, Services, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var reply = await runtimeApi.InitError.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, exitCode);
        Assert.Equal(RuntimeReplyKind.InitError, reply.Kind);
        Assert.Equal("InvalidOperationException", reply.ErrorType);
        Assert.Contains("The environment variable ALLOWED_ORIGIN is not set", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocations_are_served_one_after_another_each_answered_once()
    {
        var invocations = Enumerable.Range(0, 5).Select(i => StubInvocation.Of(Encoding.UTF8.GetBytes(i.ToString()))).ToList();

        var replies = await Task.WhenAll(invocations.Select(stub.InvokeAsync)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["0", "1", "2", "3", "4"], replies.Select(r => Echo(r).GetProperty("Payload").GetString()));
    }
}
