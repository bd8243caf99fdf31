using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Local.DynamoDb;
using Todo.Local.Template;
using Todo.Store.ReadTable;
using Todo.Tests.Support;

namespace Todo.Tests.Local;

/// <summary>The template's tables as DynamoDB Local creates them: with their on-demand ceilings, which it checks as DynamoDB does.</summary>
[Slow]
public sealed class TableProvisionerTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    [Fact]
    public async Task Every_table_is_created_with_the_templates_on_demand_ceilings()
    {
        Assert.Equal(7, fixture.App.Template.Tables.Count);
        foreach (var table in fixture.App.Template.Tables)
        {
            var declared = table.Create.OnDemandThroughput;
            var ceiling = (await fixture.App.DynamoDb.DescribeTableAsync(table.Create.TableName)).Table.OnDemandThroughput;
            Assert.True(declared.MaxReadRequestUnits > 0 && declared.MaxWriteRequestUnits > 0);
            Assert.Equal((declared.MaxReadRequestUnits, declared.MaxWriteRequestUnits), (ceiling.MaxReadRequestUnits, ceiling.MaxWriteRequestUnits));
        }
    }

    [Fact]
    public async Task A_kept_read_table_gains_the_templates_byChange_index_over_its_items_and_its_stream()
    {
        var declared = fixture.App.Template.Tables.Single(t => t.LogicalId == "TodosTable").Create;
        var name = $"todo-kept-{Guid.NewGuid():N}";
        // As the template made it before the changes feed (kept in .local/data): no global index, no stream.
        await fixture.App.DynamoDb.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [.. declared.AttributeDefinitions.Where(a => a.AttributeName != TodoTable.ChangeKey)],
            KeySchema = declared.KeySchema,
            LocalSecondaryIndexes = declared.LocalSecondaryIndexes,
        });
        var id = Guid.NewGuid();
        var item = TodoTable.Key(TodoTable.DefaultList, id);
        item[TodoTable.Version] = new AttributeValue { N = "1" };
        item[TodoTable.ChangeKey] = new AttributeValue { S = TodoTable.ChangeKeyOf(id, DateTimeOffset.UtcNow) };
        await fixture.App.DynamoDb.PutItemAsync(name, item);
        var now = new TableDefinition("Kept", new CreateTableRequest
        {
            TableName = name,
            BillingMode = declared.BillingMode,
            AttributeDefinitions = declared.AttributeDefinitions,
            KeySchema = declared.KeySchema,
            LocalSecondaryIndexes = declared.LocalSecondaryIndexes,
            GlobalSecondaryIndexes = declared.GlobalSecondaryIndexes,
            StreamSpecification = declared.StreamSpecification,
        });

        var described = (await TableProvisioner.EnsureAsync(fixture.App.DynamoDb, [now], CancellationToken.None))["Kept"];
        var again = (await TableProvisioner.EnsureAsync(fixture.App.DynamoDb, [now], CancellationToken.None))["Kept"];

        Assert.Equal(TodoTable.ByChange, Assert.Single(described.GlobalSecondaryIndexes).IndexName);
        Assert.Equal((true, "NEW_IMAGE"), (described.StreamSpecification.StreamEnabled, described.StreamSpecification.StreamViewType.Value));
        Assert.Equal(described.LatestStreamArn, again.LatestStreamArn);
        var indexed = await fixture.App.DynamoDb.QueryAsync(new QueryRequest
        {
            TableName = name,
            IndexName = TodoTable.ByChange,
            KeyConditionExpression = "listId = :list",
            ExpressionAttributeValues = new() { [":list"] = new AttributeValue { S = TodoTable.DefaultList } },
        });
        Assert.Equal(id.ToString(), Assert.Single(indexed.Items)[TodoTable.TodoId].S);
    }

    [Fact]
    public async Task A_ceiling_of_0_is_refused()
    {
        var create = fixture.App.Template.Tables[0].Create;
        var table = new TableDefinition("Zero", new CreateTableRequest
        {
            TableName = "todo-zero-ceiling",
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = create.AttributeDefinitions,
            KeySchema = create.KeySchema,
            OnDemandThroughput = new OnDemandThroughput { MaxReadRequestUnits = 0, MaxWriteRequestUnits = 10 },
        });

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => TableProvisioner.EnsureAsync(fixture.App.DynamoDb, [table], CancellationToken.None));

        Assert.Contains("OnDemandThroughput", error.Message);
    }
}
