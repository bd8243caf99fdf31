namespace Todo.Lambda;

/// <summary>What the Runtime API tells a function about one invocation.</summary>
public sealed record LambdaContext(string RequestId, string FunctionArn, DateTimeOffset Deadline, string? TraceHeader);
