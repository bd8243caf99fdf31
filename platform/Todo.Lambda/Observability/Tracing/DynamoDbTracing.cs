using System.Diagnostics;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Todo.Lambda.Observability.Tracing;

/// <summary>
/// A span per AWS SDK call, hooked into the SDK's own pipeline (as the X-Ray SDK hooks it), so every
/// DynamoDB call of every function is traced in one place: namespace <c>aws</c>, the operation, table,
/// region, request id and HTTP status, the capacity it consumed when the request asked DynamoDB to say (as the
/// local host's requests do), <c>error</c> for a 4xx, <c>throttle</c> for throttling, <c>fault</c>
/// for a 5xx, the exception as the cause, and the retries the SDK made, each failed attempt as an event.
/// Registered once per process before any client is built; a call outside a sampled trace makes no span.
/// </summary>
public sealed class DynamoDbTracing : IRuntimePipelineCustomizer
{
    public const string SpanName = "DynamoDB";

    private static readonly HashSet<string> ThrottlingCodes = ["ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded"];
    private static int registered;

    public string UniqueName => "Todo.Lambda.DynamoDbTracing";

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
            RuntimePipelineCustomizerRegistry.Instance.Register(new DynamoDbTracing());
    }

    public void Customize(Type type, RuntimePipeline pipeline)
    {
        // Outermost, the call as the code sees it; inside the retry handler, each attempt.
        pipeline.AddHandler(new CallHandler());
        pipeline.AddHandlerAfter<RetryHandler>(new AttemptHandler());
    }

    private sealed class CallHandler : PipelineHandler
    {
        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            using var span = Tracer.Source.StartActivity(SpanName, ActivityKind.Client);
            if (span is null)
                return await base.InvokeAsync<T>(executionContext);
            var request = executionContext.RequestContext;
            span.SetTag(XRayTags.Operation, request.RequestName.EndsWith("Request", StringComparison.Ordinal) ? request.RequestName[..^"Request".Length] : request.RequestName);
            span.SetTag(XRayTags.Region, request.ClientConfig.RegionEndpoint?.SystemName ?? request.ClientConfig.AuthenticationRegion);
            switch (Tables(request.OriginalRequest))
            {
                case [var table]:
                    span.SetTag(XRayTags.TableName, table);
                    break;
                case { Length: > 1 } tables:
                    span.SetTag(XRayTags.TableNames, tables);
                    break;
            }
            try
            {
                var response = await base.InvokeAsync<T>(executionContext);
                span.SetTag(XRayTags.HttpStatus, (int)response.HttpStatusCode);
                span.SetTag(XRayTags.RequestId, response.ResponseMetadata?.RequestId);
                if (ConsumedCapacity(response) is { } units)
                    span.SetTag(XRayTags.ConsumedCapacity, units);
                return response;
            }
            catch (AmazonServiceException e)
            {
                var status = (int)e.StatusCode;
                span.SetTag(XRayTags.HttpStatus, status);
                span.SetTag(XRayTags.RequestId, e.RequestId);
                if (status == 429 || ThrottlingCodes.Contains(e.ErrorCode ?? ""))
                    span.SetTag(XRayTags.Throttle, true);
                span.SetTag(status >= 500 ? XRayTags.Fault : XRayTags.Error, true);
                span.AddException(e);
                throw;
            }
            catch (Exception e)
            {
                Tracer.Fail(span, e);
                throw;
            }
            finally
            {
                span.SetTag(XRayTags.Retries, request.Retries);
            }
        }

        private static string[] Tables(AmazonWebServiceRequest request) => request switch
        {
            PutItemRequest r => [r.TableName],
            UpdateItemRequest r => [r.TableName],
            GetItemRequest r => [r.TableName],
            DeleteItemRequest r => [r.TableName],
            QueryRequest r => [r.TableName],
            ScanRequest r => [r.TableName],
            TransactWriteItemsRequest r => [.. (r.TransactItems ?? [])
                .Select(i => i.Put?.TableName ?? i.Update?.TableName ?? i.Delete?.TableName ?? i.ConditionCheck?.TableName)
                .OfType<string>().Distinct()],
            _ => [],
        };

        /// <summary>The capacity units a call consumed, all its tables together; DynamoDB says so only when the request asked (ReturnConsumedCapacity).</summary>
        private static double? ConsumedCapacity(AmazonWebServiceResponse response) => response switch
        {
            PutItemResponse r => r.ConsumedCapacity?.CapacityUnits,
            UpdateItemResponse r => r.ConsumedCapacity?.CapacityUnits,
            GetItemResponse r => r.ConsumedCapacity?.CapacityUnits,
            DeleteItemResponse r => r.ConsumedCapacity?.CapacityUnits,
            QueryResponse r => r.ConsumedCapacity?.CapacityUnits,
            ScanResponse r => r.ConsumedCapacity?.CapacityUnits,
            TransactWriteItemsResponse { ConsumedCapacity: { Count: > 0 } tables } => tables.Sum(t => t.CapacityUnits ?? 0),
            _ => null,
        };
    }

    private sealed class AttemptHandler : PipelineHandler
    {
        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            try
            {
                return await base.InvokeAsync<T>(executionContext);
            }
            catch (Exception e) when (Activity.Current is { DisplayName: SpanName } span)
            {
                span.AddEvent(new ActivityEvent(XRayTags.AttemptEvent, tags: new ActivityTagsCollection
                {
                    ["attempt"] = executionContext.RequestContext.Retries + 1,
                    ["error"] = e is AmazonServiceException service ? service.ErrorCode : e.GetType().Name,
                    ["status"] = e is AmazonServiceException { StatusCode: var status } ? (int)status : 0,
                }));
                throw;
            }
        }
    }
}
