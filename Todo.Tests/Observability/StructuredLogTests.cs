using System.Text.RegularExpressions;
using Todo.Lambda.Observability;
using Todo.Lambda.Observability.Logging;
using static Todo.Tests.Observability.TelemetryProbe;

namespace Todo.Tests.Observability;

/// <summary>Log lines in Powertools Logging's key shape, their level, sampling, exceptions and concurrency.</summary>
public sealed partial class StructuredLogTests
{
    private readonly CapturedOutput output = new();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex Rfc3339Milliseconds();

    [Fact]
    public async Task A_line_has_Powertools_keys_the_invocations_and_its_own()
    {
        var telemetry = Create(output, (ObservabilityVariables.ServiceName, "todo"), (ObservabilityVariables.FunctionMemorySize, "512"));
        var context = Context();

        await telemetry.InvokeAsync(context, scope =>
        {
            scope.CorrelationId = "api-request-1";
            scope.AppendKey("command", "UpdateTodo");
            telemetry.Logger.Info("Appended", new LogKey("todo_id", "42"), new LogKey("version", 3L));
            return Task.FromResult(0);
        });

        var line = Assert.Single(output.LogLines);
        Assert.Matches(Rfc3339Milliseconds(), line.GetProperty("timestamp").GetString());
        Assert.Equal("INFO", line.GetProperty("level").GetString());
        Assert.Equal("Appended", line.GetProperty("message").GetString());
        Assert.Equal("todo", line.GetProperty("service").GetString());
        Assert.True(line.GetProperty("cold_start").GetBoolean());
        Assert.Equal("probe", line.GetProperty("function_name").GetString());
        Assert.Equal(512, line.GetProperty("function_memory_size").GetInt32());
        Assert.Equal(Arn, line.GetProperty("function_arn").GetString());
        Assert.Equal(context.AwsRequestId, line.GetProperty("function_request_id").GetString());
        Assert.Equal(Root, line.GetProperty("xray_trace_id").GetString());
        Assert.Equal("api-request-1", line.GetProperty("correlation_id").GetString());
        Assert.Equal("UpdateTodo", line.GetProperty("command").GetString());
        Assert.Equal("42", line.GetProperty("todo_id").GetString());
        Assert.Equal(3, line.GetProperty("version").GetInt64());
        Assert.Equal(line.EnumerateObject().Count(), line.EnumerateObject().Select(p => p.Name).Distinct().Count());
    }

    [Fact]
    public async Task Cold_start_is_true_for_exactly_one_invocation_of_an_instance_even_when_they_run_at_once()
    {
        var telemetry = Create(output);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => telemetry.InvokeAsync(Context(), async _ =>
        {
            await Task.Yield();
            telemetry.Logger.Info("hello");
            return 0;
        }))));
        await telemetry.InvokeAsync(Context(), _ =>
        {
            telemetry.Logger.Info("later");
            return Task.FromResult(0);
        });

        var lines = output.LogLines;
        Assert.Equal(17, lines.Count);
        Assert.Single(lines, l => l.GetProperty("cold_start").GetBoolean());
        Assert.False(lines.Single(l => l.GetProperty("message").GetString() == "later").GetProperty("cold_start").GetBoolean());
        Assert.Single(output.MetricLines, m => Emf.Assert(m).ContainsKey("ColdStart"));
    }

    [Theory]
    [InlineData("WARN", "DEBUG", new[] { "WARN", "ERROR" })]
    [InlineData(null, "DEBUG", new[] { "DEBUG", "INFO", "WARN", "ERROR" })]
    [InlineData(null, null, new[] { "INFO", "WARN", "ERROR" })]
    [InlineData("not-a-level", "ERROR", new[] { "ERROR" })]
    [InlineData("error", null, new[] { "ERROR" })]
    public async Task Lambdas_log_level_wins_over_Powertools_and_an_unknown_one_is_passed_over(string? lambda, string? powertools, string[] written)
    {
        var environment = new List<(string, string)>();
        if (lambda is not null)
            environment.Add((ObservabilityVariables.LambdaLogLevel, lambda));
        if (powertools is not null)
            environment.Add((ObservabilityVariables.PowertoolsLogLevel, powertools));
        var telemetry = Create(output, [.. environment]);

        await telemetry.InvokeAsync(Context(), _ =>
        {
            telemetry.Logger.Debug("d");
            telemetry.Logger.Info("i");
            telemetry.Logger.Warn("w");
            telemetry.Logger.Error("e", null);
            return Task.FromResult(0);
        });

        Assert.Equal(written, output.LogLines.Select(l => l.GetProperty("level").GetString()));
    }

    [Fact]
    public async Task A_sample_rate_of_one_logs_every_invocation_at_debug_and_says_so()
    {
        var telemetry = Create(output, (ObservabilityVariables.LambdaLogLevel, "INFO"), (ObservabilityVariables.LoggerSampleRate, "1"));

        await telemetry.InvokeAsync(Context(), _ =>
        {
            telemetry.Logger.Debug("sampled");
            return Task.FromResult(0);
        });
        telemetry.Logger.Debug("outside any invocation");

        var line = Assert.Single(output.LogLines);
        Assert.Equal("DEBUG", line.GetProperty("level").GetString());
        Assert.Equal(1, line.GetProperty("sampling_rate").GetDouble());
    }

    [Fact]
    public async Task An_exception_is_logged_once_with_its_type_message_and_stack()
    {
        var telemetry = Create(output);

        await Assert.ThrowsAsync<InvalidOperationException>(() => telemetry.InvokeAsync<int>(Context(), _ => throw new InvalidOperationException("boom")));

        var line = Assert.Single(output.LogLines);
        Assert.Equal("ERROR", line.GetProperty("level").GetString());
        var exception = line.GetProperty("exception");
        Assert.Equal("System.InvalidOperationException", exception.GetProperty("type").GetString());
        Assert.Equal("boom", exception.GetProperty("message").GetString());
        Assert.Contains(nameof(An_exception_is_logged_once_with_its_type_message_and_stack), exception.GetProperty("stack_trace").GetString());
    }

    [Fact]
    public async Task Concurrent_invocations_each_log_with_their_own_keys()
    {
        var telemetry = Create(output);
        var contexts = Enumerable.Range(0, 32).Select(_ => Context()).ToList();

        await Task.WhenAll(contexts.Select(context => Task.Run(() => telemetry.InvokeAsync(context, async scope =>
        {
            scope.AppendKey("todo_id", context.AwsRequestId);
            // Work of one invocation that runs concurrently, as the projector's lanes do.
            await Parallel.ForEachAsync(Enumerable.Range(0, 4), async (i, _) =>
            {
                await Task.Delay(Random.Shared.Next(3));
                telemetry.Logger.Info("lane", new LogKey("lane", i));
            });
            return 0;
        }))));

        var lines = output.LogLines;
        Assert.Equal(128, lines.Count);
        Assert.All(lines, l => Assert.Equal(l.GetProperty("function_request_id").GetString(), l.GetProperty("todo_id").GetString()));
        Assert.All(contexts, c => Assert.Equal(4, lines.Count(l => l.GetProperty("function_request_id").GetString() == c.AwsRequestId)));
    }

    [Fact]
    public void Outside_an_invocation_a_line_has_no_invocation_keys()
    {
        var telemetry = Create(output);

        telemetry.Logger.Warn("starting");

        var line = Assert.Single(output.LogLines);
        Assert.False(line.TryGetProperty("function_request_id", out _));
        Assert.Equal(FunctionTelemetry.DefaultService, line.GetProperty("service").GetString());
    }
}
