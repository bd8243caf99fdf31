using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Local.DynamoDb;
using Todo.Local.Template;
using Todo.Tests.Support;

namespace Todo.Tests.Local;

/// <summary>The template's tables as DynamoDB Local creates them: with their on-demand ceilings, which it checks as DynamoDB does.</summary>
[Slow]
public sealed class TableProvisionerTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    [Fact]
    public async Task Every_table_is_created_with_the_templates_on_demand_ceilings()
    {
        Assert.Equal(6, fixture.App.Template.Tables.Count);
        foreach (var table in fixture.App.Template.Tables)
        {
            var declared = table.Create.OnDemandThroughput;
            var ceiling = (await fixture.App.DynamoDb.DescribeTableAsync(table.Create.TableName)).Table.OnDemandThroughput;
            Assert.True(declared.MaxReadRequestUnits > 0 && declared.MaxWriteRequestUnits > 0);
            Assert.Equal((declared.MaxReadRequestUnits, declared.MaxWriteRequestUnits), (ceiling.MaxReadRequestUnits, ceiling.MaxWriteRequestUnits));
        }
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
