namespace Todo.Lambda.Core;

/// <summary>
/// What the Runtime API tells a function about one invocation, named as <c>Amazon.Lambda.Core</c>
/// names it (the members this project's runtime can fill; no logger, client context or Cognito identity).
/// </summary>
public interface ILambdaContext
{
    string AwsRequestId { get; }
    string FunctionName { get; }
    string InvokedFunctionArn { get; }
    TimeSpan RemainingTime { get; }
    /// <summary>The <c>Lambda-Runtime-Trace-Id</c> header, the value of <c>_X_AMZN_TRACE_ID</c>; null when tracing is off.</summary>
    string? TraceId { get; }
}
