namespace Todo.Lambda.Observability.Tracing;

/// <summary>
/// How a span's tags map to an X-Ray document: <c>annotation.*</c> to indexed annotations, <c>aws.*</c> to
/// the <c>aws</c> object (and namespace <c>aws</c>), the HTTP status, and the error flags. An exception
/// recorded on the span (<c>Activity.AddException</c>) becomes its <c>cause</c>.
/// </summary>
public static class XRayTags
{
    public const string AnnotationPrefix = "annotation.";
    public const string AwsPrefix = "aws.";
    public const string Operation = "aws.operation";
    public const string TableName = "aws.table_name";
    public const string TableNames = "aws.table_names";
    public const string RequestId = "aws.request_id";
    public const string Region = "aws.region";
    public const string Retries = "aws.retries";

    /// <summary>The capacity units a DynamoDB call consumed, when its request asked DynamoDB to say.</summary>
    public const string ConsumedCapacity = "aws.consumed_capacity";
    public const string HttpStatus = "http.response.status";

    /// <summary>A 4xx: the caller's request was refused.</summary>
    public const string Error = "error";

    /// <summary>A 429, or a service's throttling error.</summary>
    public const string Throttle = "throttle";

    /// <summary>A 5xx, or an exception the code did not handle.</summary>
    public const string Fault = "fault";

    /// <summary>An event on a span for each failed attempt of an SDK call that was retried.</summary>
    public const string AttemptEvent = "attempt";
}
