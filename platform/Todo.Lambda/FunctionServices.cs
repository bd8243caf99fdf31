using Amazon.DynamoDBv2;
using Todo.Lambda.Observability.Logging;

namespace Todo.Lambda;

/// <summary>
/// What a function is built from: its own environment (as the template sets it), a DynamoDB client, a
/// clock and where its log lines go. Passed explicitly because the local host runs several functions in
/// one process. The catalog parses the environment into settings, once, as it builds the function.
/// </summary>
public sealed record FunctionServices(IReadOnlyDictionary<string, string> Environment, IAmazonDynamoDB DynamoDb)
{
    /// <summary>What the functions take as now (timestamps, idempotency expiry, waits); tests set a fake one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Stdout, which Lambda sends to CloudWatch Logs; the local host also writes each function's own file.</summary>
    public LogOutput LogOutput { get; init; } = LogOutput.StandardOutput;
}
