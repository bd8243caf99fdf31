using System.Diagnostics;

namespace Todo.Lambda.Observability.Tracing;

/// <summary>
/// A segment or subsegment document as X-Ray defines it, whoever records it: a function's span
/// (<see cref="Of"/>), or a service the local host plays (API Gateway's stage, Lambda's two segments).
/// <see cref="XRayDocument"/> writes it.
/// </summary>
public sealed record XRaySegment(string Name, string Id, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary><c>1-…</c>; null only in a subsegment written inside its parent.</summary>
    public string? TraceId { get; init; }

    public string? ParentId { get; init; }

    /// <summary>A subsegment sent on its own, apart from its parent: <c>type: subsegment</c>.</summary>
    public bool IsSubsegment { get; init; }

    /// <summary>The kind of AWS resource that recorded it, as <c>AWS::Lambda::Function</c>.</summary>
    public string? Origin { get; init; }

    /// <summary><c>aws</c> for a call to an AWS service.</summary>
    public string? Namespace { get; init; }

    public string? ResourceArn { get; init; }

    public bool Error { get; init; }
    public bool Throttle { get; init; }
    public bool Fault { get; init; }

    public XRayHttp? Http { get; init; }

    /// <summary>The <c>aws</c> object: strings, numbers and lists of strings.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Aws { get; init; } = [];

    /// <summary>The indexed annotations: strings, numbers and booleans.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Annotations { get; init; } = [];

    /// <summary>What failed: the <c>cause</c>'s exceptions.</summary>
    public IReadOnlyList<XRayException> Exceptions { get; init; } = [];

    /// <summary>The failed attempts of a retried call, as metadata (<c>aws.failed_attempts</c>).</summary>
    public IReadOnlyList<XRayAttempt> FailedAttempts { get; init; } = [];

    /// <summary>Subsegments written inside this document rather than sent on their own.</summary>
    public IReadOnlyList<XRaySegment> Subsegments { get; init; } = [];

    /// <summary>A new segment or exception id: 16 hex digits.</summary>
    public static string NewId() => ActivitySpanId.CreateRandom().ToHexString();

    /// <summary>The HTTP status answered, with X-Ray's flags for it: error for a 4xx, throttle as well for a 429, fault for a 5xx.</summary>
    public XRaySegment Answered(int status) => this with
    {
        Http = (Http ?? new XRayHttp()) with { Status = status },
        Error = Error || status is >= 400 and < 500,
        Throttle = Throttle || status == 429,
        Fault = Fault || status >= 500,
    };

    /// <summary>A finished span as the subsegment it is sent as, its tags mapped as <see cref="XRayTags"/> says.</summary>
    public static XRaySegment Of(Activity span)
    {
        var isAws = span.GetTagItem(XRayTags.Operation) is not null;
        return new XRaySegment(span.DisplayName, span.SpanId.ToHexString(), new DateTimeOffset(span.StartTimeUtc), new DateTimeOffset(span.StartTimeUtc + span.Duration))
        {
            TraceId = TraceHeader.RootOf(span.TraceId),
            ParentId = span.ParentSpanId.ToHexString(),
            IsSubsegment = true,
            Namespace = isAws ? "aws" : null,
            Error = span.GetTagItem(XRayTags.Error) is true,
            Throttle = span.GetTagItem(XRayTags.Throttle) is true,
            Fault = span.GetTagItem(XRayTags.Fault) is true,
            Http = span.GetTagItem(XRayTags.HttpStatus) is int status ? new XRayHttp { Status = status } : null,
            Aws = isAws ? Tags(span, XRayTags.AwsPrefix) : [],
            Annotations = Tags(span, XRayTags.AnnotationPrefix),
            Exceptions = [.. span.Events.Where(e => e.Name == "exception").Select(e => new XRayException(NewId(), Tag(e, "exception.type"), Tag(e, "exception.message"))
            {
                Remote = isAws,
                Stack = [.. Tag(e, "exception.stacktrace").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(line => line.StartsWith("at ", StringComparison.Ordinal))],
            })],
            FailedAttempts = [.. span.Events.Where(e => e.Name == XRayTags.AttemptEvent)
                .Select(e => new XRayAttempt(e.Timestamp, [.. e.Tags.Select(t => KeyValuePair.Create(t.Key, t.Value?.ToString()))]))],
        };
    }

    private static List<KeyValuePair<string, object>> Tags(Activity span, string prefix) =>
        [.. span.TagObjects.Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal) && t.Value is not null)
            .Select(t => KeyValuePair.Create(t.Key[prefix.Length..], t.Value!))];

    private static string Tag(ActivityEvent activityEvent, string name) =>
        activityEvent.Tags.FirstOrDefault(t => t.Key == name).Value?.ToString() ?? "";
}
