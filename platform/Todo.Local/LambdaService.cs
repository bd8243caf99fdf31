using System.Text.Json.Nodes;
using Todo.Lambda;
using Todo.Lambda.Core;
using Todo.Lambda.Observability.Tracing;
using Todo.Local.XRay;

namespace Todo.Local;

/// <summary>
/// Invokes a function as the Lambda service does with active tracing: around the invocation it records the
/// <c>AWS::Lambda</c> segment (the service) and the <c>AWS::Lambda::Function</c> segment (the function), and
/// it hands the function the trace header <c>Root=…;Parent=&lt;function segment&gt;;Sampled=1</c>, keeping
/// the caller's other fields (Lineage). An invocation with no caller (a stream batch) starts a trace.
/// Without a trace store it traces nothing and passes no header, as Lambda with tracing off.
/// </summary>
public sealed class LambdaService(TraceStore? traces)
{
    public async Task<byte[]> InvokeAsync(string functionName, ILambdaFunction function, ReadOnlyMemory<byte> payload, string requestId,
        DateTimeOffset deadline, TraceHeader? caller, CancellationToken cancellationToken)
    {
        var arn = LocalAws.FunctionArn(functionName);
        if (traces is null)
            return await function.InvokeAsync(payload, new LambdaContext(requestId, arn, deadline, null), cancellationToken);
        var trace = caller ?? new TraceHeader(TraceHeader.NewRoot(DateTimeOffset.UtcNow), null, true, []);
        var (serviceId, functionId) = (SegmentDocument.NewId(), SegmentDocument.NewId());
        var start = DateTimeOffset.UtcNow;
        Exception? failure = null;
        try
        {
            var context = new LambdaContext(requestId, arn, deadline, (trace with { Sampled = true }).WithParent(functionId).ToString());
            return await function.InvokeAsync(payload, context, cancellationToken);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            var end = DateTimeOffset.UtcNow;
            var service = SegmentDocument.Segment(functionName, serviceId, trace.Root, trace.Parent, start, end, "AWS::Lambda");
            service["resource_arn"] = arn;
            service["aws"] = new JsonObject { ["request_id"] = requestId };
            service["http"] = new JsonObject { ["response"] = new JsonObject { ["status"] = 200 } };
            traces.Add(service.ToJsonString());
            var segment = SegmentDocument.Segment(functionName, functionId, trace.Root, serviceId, start, end, "AWS::Lambda::Function");
            segment["resource_arn"] = arn;
            segment["aws"] = new JsonObject { ["account_id"] = LocalAws.AccountId, ["function_arn"] = arn, ["resource_names"] = new JsonArray(functionName) };
            if (failure is not null)
            {
                segment["fault"] = true;
                segment["cause"] = new JsonObject
                {
                    ["exceptions"] = new JsonArray(new JsonObject
                    {
                        ["id"] = SegmentDocument.NewId(),
                        ["type"] = failure.GetType().Name,
                        ["message"] = failure.Message,
                    }),
                };
            }
            traces.Add(segment.ToJsonString());
        }
    }
}
