namespace Todo.Stubs;

/// <summary>An event as the Runtime API hands it out: a request id, the headers <c>next</c> answers with, and the body.</summary>
public sealed record StubInvocation(string RequestId, byte[] Payload, IReadOnlyDictionary<string, string> Headers)
{
    public const string FunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:todo-test:live";

    /// <summary>With the headers Lambda sends: a deadline, the function ARN and, when given, a trace id.</summary>
    public static StubInvocation Of(byte[] payload, string? traceId = null, DateTimeOffset? deadline = null)
    {
        var requestId = Guid.NewGuid().ToString();
        var headers = new Dictionary<string, string>
        {
            ["Lambda-Runtime-Aws-Request-Id"] = requestId,
            ["Lambda-Runtime-Deadline-Ms"] = (deadline ?? DateTimeOffset.UtcNow.AddSeconds(30)).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Lambda-Runtime-Invoked-Function-Arn"] = FunctionArn,
        };
        if (traceId is not null)
            headers["Lambda-Runtime-Trace-Id"] = traceId;
        return new StubInvocation(requestId, payload, headers);
    }
}
