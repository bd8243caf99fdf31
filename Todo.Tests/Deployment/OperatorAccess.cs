namespace Todo.Tests.Deployment;

/// <summary>
/// What todoctl's verbs call, on what: the IAM actions of every request it sends, resources named as
/// <see cref="DeployedTemplate.ResourceName"/> names them. <see cref="TemplateTests"/> holds template.yaml's
/// OperatorPolicy to exactly this list, and <c>OperatorCallsTests</c> holds todoctl to it: whoever adds a call adds it here.
/// </summary>
public static class OperatorAccess
{
    /// <summary>The calls only a deployed stack's verbs make: the local stack has no outputs to read and no failure queue.</summary>
    public static readonly IReadOnlySet<string> DeployedOnly = new HashSet<string>
    {
        // A deployed stack's table names and failure queue come from its outputs.
        "cloudformation:DescribeStacks on AWS::StackId",
        // status: the depth of the queue the stream mapping sends what it gave up on.
        "sqs:GetQueueAttributes on ProjectionFailures",
    };

    public static readonly IReadOnlySet<string> Needed = new HashSet<string>(DeployedOnly)
    {
        // Read only: events (a todo's Query), every todo (verify, status and rebuild Scan), a rebuild's progress total.
        "dynamodb:Query on EventsTable", "dynamodb:Scan on EventsTable", "dynamodb:DescribeTable on EventsTable",
        // Either read table may be the active one (read, replayed into, repaired) or a rebuild's target (batch-written).
        "dynamodb:Scan on TodosTable", "dynamodb:GetItem on TodosTable", "dynamodb:PutItem on TodosTable",
        "dynamodb:UpdateItem on TodosTable", "dynamodb:DeleteItem on TodosTable", "dynamodb:BatchWriteItem on TodosTable",
        "dynamodb:Scan on TodosGreenTable", "dynamodb:GetItem on TodosGreenTable", "dynamodb:PutItem on TodosGreenTable",
        "dynamodb:UpdateItem on TodosGreenTable", "dynamodb:DeleteItem on TodosGreenTable", "dynamodb:BatchWriteItem on TodosGreenTable",
        // The pointer (read, switched) and an unfinished rebuild's checkpoints beside it.
        "dynamodb:GetItem on ReadPointerTable", "dynamodb:PutItem on ReadPointerTable", "dynamodb:DeleteItem on ReadPointerTable",
        // Parked events: listed, read per todo, removed by a redrive or a discard.
        "dynamodb:Scan on ParkedTable", "dynamodb:Query on ParkedTable", "dynamodb:DeleteItem on ParkedTable",
    };
}
