using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Todo.Local.DynamoDb;

/// <summary>
/// The local host's DynamoDB client: each of its calls asks DynamoDB Local what it consumed
/// (<c>ReturnConsumedCapacity: TOTAL</c>), which the functions' tracing records on the call's subsegment. So
/// locally each request's trace says what its DynamoDB calls cost in capacity units as well as how many there
/// were. Only the host asks; the functions' own requests are as they are in AWS.
/// </summary>
public sealed class CapacityReportingClient(AWSCredentials credentials, AmazonDynamoDBConfig config) : AmazonDynamoDBClient(credentials, config)
{
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.AddHandler(new AskHandler());
    }

    private sealed class AskHandler : PipelineHandler
    {
        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            Ask(executionContext.RequestContext.OriginalRequest);
            return base.InvokeAsync<T>(executionContext);
        }

        private static void Ask(AmazonWebServiceRequest request)
        {
            var total = ReturnConsumedCapacity.TOTAL;
            switch (request)
            {
                case PutItemRequest r: r.ReturnConsumedCapacity ??= total; break;
                case UpdateItemRequest r: r.ReturnConsumedCapacity ??= total; break;
                case GetItemRequest r: r.ReturnConsumedCapacity ??= total; break;
                case DeleteItemRequest r: r.ReturnConsumedCapacity ??= total; break;
                case QueryRequest r: r.ReturnConsumedCapacity ??= total; break;
                case ScanRequest r: r.ReturnConsumedCapacity ??= total; break;
                case TransactWriteItemsRequest r: r.ReturnConsumedCapacity ??= total; break;
            }
        }
    }
}
