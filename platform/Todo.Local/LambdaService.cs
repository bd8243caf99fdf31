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
        var (serviceId, functionId) = (XRaySegment.NewId(), XRaySegment.NewId());
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
            traces.Add(new XRaySegment(functionName, serviceId, start, end)
            {
                TraceId = trace.Root,
                ParentId = trace.Parent,
                Origin = "AWS::Lambda",
                ResourceArn = arn,
                Aws = [new("request_id", requestId)],
                Http = new XRayHttp { Status = 200 },
            });
            traces.Add(new XRaySegment(functionName, functionId, start, end)
            {
                TraceId = trace.Root,
                ParentId = serviceId,
                Origin = "AWS::Lambda::Function",
                ResourceArn = arn,
                Aws = [new("account_id", LocalAws.AccountId), new("function_arn", arn), new("resource_names", new[] { functionName })],
                Fault = failure is not null,
                Exceptions = failure is null ? [] : [new XRayException(XRaySegment.NewId(), failure.GetType().Name, failure.Message)],
            });
        }
    }
}
