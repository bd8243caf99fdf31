using System.Diagnostics;
using System.Text.Json.Nodes;
using Todo.Lambda.Observability.Tracing;

namespace Todo.Local.XRay;

/// <summary>The segments the local host writes itself, where AWS's services would write them: ids, times and error flags as X-Ray has them.</summary>
public static class SegmentDocument
{
    public static string NewId() => ActivitySpanId.CreateRandom().ToHexString();

    /// <summary>A segment (or, with <paramref name="parentId"/>, a downstream one) of <paramref name="traceId"/> from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static JsonObject Segment(string name, string id, string traceId, string? parentId, DateTimeOffset start, DateTimeOffset end, string? origin)
    {
        var segment = new JsonObject
        {
            ["name"] = name,
            ["id"] = id,
            ["trace_id"] = traceId,
            ["start_time"] = Seconds(start),
            ["end_time"] = Seconds(end),
        };
        if (parentId is not null)
            segment["parent_id"] = parentId;
        if (origin is not null)
            segment["origin"] = origin;
        return segment;
    }

    /// <summary>error for a 4xx, throttle as well for a 429, fault for a 5xx.</summary>
    public static void Status(JsonObject segment, int status)
    {
        if (status is >= 400 and < 500)
            segment["error"] = true;
        if (status == 429)
            segment["throttle"] = true;
        if (status >= 500)
            segment["fault"] = true;
    }

    public static double Seconds(DateTimeOffset time) => XRayDocument.EpochSeconds(time.UtcDateTime);
}
