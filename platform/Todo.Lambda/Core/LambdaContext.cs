namespace Todo.Lambda.Core;

/// <summary>One invocation's context, from the Runtime API's headers (or the local host's stand-ins for them).</summary>
public sealed record LambdaContext(string AwsRequestId, string InvokedFunctionArn, DateTimeOffset Deadline, string? TraceId) : ILambdaContext
{
    /// <summary>An ARN is arn:aws:lambda:region:account:function:name[:qualifier].</summary>
    public string FunctionName => InvokedFunctionArn.Split(':') is { Length: >= 7 } parts ? parts[6] : InvokedFunctionArn;

    public TimeSpan RemainingTime => Deadline - DateTimeOffset.UtcNow;
}
