using Amazon.DynamoDBv2;
using Todo.Lambda.Observability;
using Todo.Lambda.Observability.Logging;

namespace Todo.Lambda;

/// <summary>
/// What a function is built from: its own environment (as the template sets it), a DynamoDB client, a
/// clock and where its log lines go. Passed explicitly because the local host runs several functions in
/// one process.
/// </summary>
public sealed record FunctionServices(IReadOnlyDictionary<string, string> Environment, IAmazonDynamoDB DynamoDb)
{
    private FunctionTelemetry? telemetry;

    /// <summary>What the functions take as now (timestamps, idempotency expiry, waits); tests set a fake one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Stdout, which Lambda sends to CloudWatch Logs; the local host also writes each function's own file.</summary>
    public LogOutput LogOutput { get; init; } = LogOutput.StandardOutput;

    /// <summary>The template's Handler the function is built for; the catalog sets it.</summary>
    public string Handler { get; init; } = "";

    /// <summary>The function's logs, metrics and traces, made once from the environment when first asked for.</summary>
    public FunctionTelemetry Telemetry => telemetry ??= new FunctionTelemetry(Handler, Environment, LogOutput);

    public string Require(string variable) =>
        Environment.TryGetValue(variable, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new InvalidOperationException($"The environment variable {variable} is not set.");
}
