using System.Diagnostics;
using System.Globalization;
using System.Text;
using Todo.Stubs;

namespace Todo.ColdStart;

/// <summary>
/// One cold start: process start to the first response posted to the Runtime API, the process's peak RSS,
/// and one warm invocation. Traced, the function gets a daemon address and sampled invocations, and must
/// send its spans there before it answers.
/// </summary>
public sealed record ColdStart(double ColdMilliseconds, double WarmMilliseconds, double PeakRssMegabytes)
{
    private const string TraceHeader = "Root=1-6b083cad-9a8b7c6d5e4f3a2b1c0d9e8f;Parent=5e1b4151ad3f5c3d;Sampled=1";

    // GET /api/todos/{id} for an id that does not exist: one real GetItem through the SDK, answered 404.
    private static readonly byte[] GetTodo = Encoding.UTF8.GetBytes($$"""
        {"resource":"/api/todos/{id}","path":"/api/todos/{{Guid.Empty}}","httpMethod":"GET","headers":null,"multiValueHeaders":null,
         "queryStringParameters":null,"multiValueQueryStringParameters":null,"pathParameters":{"id":"{{Guid.Empty}}"},"stageVariables":null,
         "requestContext":{"requestId":"bench","stage":"prod","httpMethod":"GET","resourcePath":"/api/todos/{id}"},"body":null,"isBase64Encoded":false}
        """);

    /// <param name="daemon">The X-Ray daemon to trace to; null runs untraced.</param>
    public static async Task<ColdStart> MeasureAsync(string[] command, RuntimeApiStub runtime, DynamoDbStub dynamoDb, DaemonSink? daemon = null)
    {
        // The function's log lines are not the benchmark's output.
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true };
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument);
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtime.Address;
        start.Environment["_HANDLER"] = "get-todo";
        start.Environment["AWS_REGION"] = "eu-west-1";
        start.Environment["AWS_ACCESS_KEY_ID"] = "bench";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "bench";
        start.Environment["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDb.Url;
        foreach (var table in new[] { "EVENTS_TABLE", "TODOS_TABLE", "IDEMPOTENCY_TABLE" })
            start.Environment[table] = "bench";
        start.Environment["ALLOWED_ORIGIN"] = "https://bench.example";
        start.Environment["POWERTOOLS_SERVICE_NAME"] = "bench";
        if (daemon is not null)
            start.Environment["AWS_XRAY_DAEMON_ADDRESS"] = daemon.Address;
        var trace = daemon is null ? null : TraceHeader;
        var datagrams = daemon?.Received ?? 0;

        // Queued before the process starts, so the first `next` answers at once, as in a cold invocation.
        var first = runtime.InvokeAsync(StubInvocation.Of(GetTodo, trace));
        var calls = dynamoDb.Requests;
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        try
        {
            var cold = await Answered(first, process);
            if (dynamoDb.Requests == calls)
                throw new InvalidOperationException("The function answered without calling DynamoDB: the measurement would leave out the SDK.");
            var peak = PeakRss(process.Id);
            var warmStart = Stopwatch.GetTimestamp();
            var warm = await Answered(runtime.InvokeAsync(StubInvocation.Of(GetTodo, trace)), process);
            if (daemon is not null && daemon.Received == datagrams)
                throw new InvalidOperationException("The traced function sent no span to the daemon.");
            return new ColdStart(
                Stopwatch.GetElapsedTime(started, cold.ReceivedAt).TotalMilliseconds,
                Stopwatch.GetElapsedTime(warmStart, warm.ReceivedAt).TotalMilliseconds,
                peak);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    private static async Task<RuntimeReply> Answered(Task<RuntimeReply> reply, Process process)
    {
        var answered = await reply.WaitAsync(TimeSpan.FromSeconds(30));
        if (answered.Kind != RuntimeReplyKind.Response || !answered.Text.Contains("\"statusCode\":404", StringComparison.Ordinal))
            throw new InvalidOperationException($"Expected a 404 proxy response from process {process.Id}, got {answered.Kind}: {answered.Text}");
        return answered;
    }

    /// <summary>VmHWM: the most resident memory the process has had so far.</summary>
    private static double PeakRss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
