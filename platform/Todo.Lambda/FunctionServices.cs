using Amazon.DynamoDBv2;

namespace Todo.Lambda;

/// <summary>
/// What a function is built from: its own environment (as the template sets it), a DynamoDB client and
/// a clock. Passed explicitly because the local host runs several functions in one process.
/// </summary>
public sealed record FunctionServices(IReadOnlyDictionary<string, string> Environment, IAmazonDynamoDB DynamoDb)
{
    /// <summary>What the functions take as now (timestamps, idempotency expiry, waits); tests set a fake one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public string Require(string variable) =>
        Environment.TryGetValue(variable, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new InvalidOperationException($"The environment variable {variable} is not set.");
}
