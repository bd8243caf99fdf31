namespace Todo.Tests.Deployment;

/// <summary>
/// The DynamoDB actions each handler's role needs, on what: the IAM actions of the calls its code makes
/// (a TransactWriteItems of puts needs dynamodb:PutItem, since IAM authorizes each item), plus, for a
/// stream-triggered function, the stream reads its event source mapping makes. Resources are named as
/// <see cref="DeployedTemplate.ResourceName"/> names them. <see cref="TemplateTests"/> holds template.yaml's
/// policies to exactly this list, and <see cref="DynamoDbCallsTests"/> holds the code to it: whoever adds
/// a call adds it here, and the policy follows.
/// </summary>
public static class DynamoDbAccess
{
    public static readonly IReadOnlyDictionary<string, string[]> ByHandler = new Dictionary<string, string[]>
    {
        // Append: one conditional PutItem (or a TransactWriteItems of them); an update or delete not decided on its
        // instance's cached snapshot first queries the stream's newest item (the whole stream if that item predates snapshots).
        ["create-todo"] = ["dynamodb:PutItem on EventsTable", "dynamodb:PutItem on IdempotencyTable", "dynamodb:GetItem on IdempotencyTable"],
        ["update-todo"] = ["dynamodb:Query on EventsTable", "dynamodb:PutItem on EventsTable", "dynamodb:PutItem on IdempotencyTable", "dynamodb:GetItem on IdempotencyTable"],
        ["delete-todo"] = ["dynamodb:Query on EventsTable", "dynamodb:PutItem on EventsTable", "dynamodb:PutItem on IdempotencyTable", "dynamodb:GetItem on IdempotencyTable"],
        // The list is one Query a page on the index of either read table, whichever the pointer (read with GetItem, cached
        // briefly) says is active; the client's own recent changes are taken from each todo's newest event.
        ["list-todos"] =
        [
            "dynamodb:Query on TodosTable/index/byCreatedAt", "dynamodb:Query on TodosGreenTable/index/byCreatedAt",
            "dynamodb:GetItem on ReadPointerTable", "dynamodb:Query on EventsTable",
        ],
        // One item is its newest event: a Query of its own events (the whole stream if that item predates snapshots).
        ["get-todo"] = ["dynamodb:Query on EventsTable"],
        // A todo's history, and the item as of a version or time, are Queries of its own events.
        ["list-todo-events"] = ["dynamodb:Query on EventsTable"],
        // The changes feed is one Query a page on the byChange index of either read table, whichever the pointer says is active.
        ["list-todo-changes"] = ["dynamodb:Query on TodosTable/index/byChange", "dynamodb:Query on TodosGreenTable/index/byChange", "dynamodb:GetItem on ReadPointerTable"],
        // The OpenAPI description is built into the function: it reads no table.
        ["get-openapi"] = [],
        // The projector's conditional UpdateItem (and a parked todo's stale mark), the events it parks, and the mapping's reads of the events stream.
        ["project-todos"] =
        [
            "dynamodb:UpdateItem on TodosTable", "dynamodb:UpdateItem on TodosGreenTable", "dynamodb:GetItem on ReadPointerTable", "dynamodb:PutItem on ParkedTable",
            "dynamodb:DescribeStream on EventsTable/stream", "dynamodb:GetRecords on EventsTable/stream", "dynamodb:GetShardIterator on EventsTable/stream",
            "dynamodb:ListStreams on *",
        ],
        // The live API's authorizer checks a token against the pool's keys: no table. $connect counts the caller's connections
        // this minute (an atomic UpdateItem) and records the connection; $disconnect deletes the record.
        ["authorize-live"] = [],
        ["connect-live"] = ["dynamodb:UpdateItem on ConnectionsTable", "dynamodb:PutItem on ConnectionsTable"],
        ["disconnect-live"] = ["dynamodb:DeleteItem on ConnectionsTable"],
        // The notifier: the mappings' reads of both read tables' streams, the pointer (only the active table's changes are
        // pushed), one Query of the list's connections, and the record of a connection the management API says is gone.
        ["notify-changes"] =
        [
            "dynamodb:DescribeStream on TodosTable/stream", "dynamodb:GetRecords on TodosTable/stream", "dynamodb:GetShardIterator on TodosTable/stream",
            "dynamodb:DescribeStream on TodosGreenTable/stream", "dynamodb:GetRecords on TodosGreenTable/stream", "dynamodb:GetShardIterator on TodosGreenTable/stream",
            "dynamodb:ListStreams on *", "dynamodb:GetItem on ReadPointerTable", "dynamodb:Query on ConnectionsTable", "dynamodb:DeleteItem on ConnectionsTable",
        ],
    };
}
