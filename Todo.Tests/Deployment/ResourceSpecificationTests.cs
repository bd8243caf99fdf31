using static Todo.Tests.Deployment.DeployedTemplate;

namespace Todo.Tests.Deployment;

/// <summary>Every resource of template.yaml against the CloudFormation resource specification: known types, known properties of the right shape, attributes that exist.</summary>
public sealed class ResourceSpecificationTests
{
    private static readonly Lazy<ResourceSpecification> Specification = new(ResourceSpecification.Load);

    public static TheoryData<string> ResourceIds => [.. Resources.Keys];

    [Theory]
    [MemberData(nameof(ResourceIds))]
    public void The_resource_has_only_properties_of_its_type_each_of_the_right_shape(string id)
    {
        var resource = Map(Resources, id);
        var type = (string)resource["Type"]!;

        Assert.True(Specification.Value.Knows(type), $"{id}: {type} is not a resource type");
        var errors = Specification.Value.Validate(id, type, resource.GetValueOrDefault("Properties") as Dictionary<string, object?> ?? []);
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        Assert.Empty(resource.Keys.Except(["Type", "Properties", "Metadata", "DependsOn", "Condition", "DeletionPolicy", "UpdateReplacePolicy"]));
        Assert.All(new[] { "DeletionPolicy", "UpdateReplacePolicy" }.Select(k => resource.GetValueOrDefault(k)).OfType<string>(), p => Assert.Contains(p, new[] { "Delete", "Retain", "RetainExceptOnCreate", "Snapshot" }));
    }

    [Fact]
    public void Every_GetAtt_names_an_attribute_its_resource_type_has()
    {
        var getAtts = Intrinsics().Where(i => i.Function == "Fn::GetAtt");
        var subAttributes = System.Text.RegularExpressions.Regex.Matches(string.Join('\n', File.ReadAllLines(Todo.Tests.Support.Repository.Template)), @"\$\{(\w+)\.(\w+)\}")
            .Select(m => new Intrinsic("Fn::GetAtt", new List<object?> { m.Groups[1].Value, m.Groups[2].Value }));

        var all = getAtts.Concat(subAttributes).Select(g => (Resource: (string)((List<object?>)g.Argument!)[0]!, Attribute: (string)((List<object?>)g.Argument!)[1]!)).ToList();

        Assert.True(all.Count > 20);
        Assert.All(all.Where(a => (string)Map(Resources, a.Resource)["Type"]! is not ("AWS::Serverless::Function" or "AWS::Serverless::Api")), a =>
            Assert.Contains(a.Attribute, Specification.Value.Attributes((string)Map(Resources, a.Resource)["Type"]!)));
    }

    [Fact]
    public void A_misspelt_or_misplaced_property_is_caught()
    {
        var errors = Specification.Value.Validate("T", "AWS::DynamoDB::Table", new Dictionary<string, object?>
        {
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["PointInTimeRecoverySpecification"] = new Dictionary<string, object?> { ["Enabled"] = "true" },
            ["SSESpecification"] = new Dictionary<string, object?> { ["KMSMasterKeyId"] = "alias/aws/dynamodb" },
            ["DeletionProtectionEnabled"] = "yes",
            ["StreamViewType"] = "NEW_IMAGE",
        });

        Assert.Equal(
        [
            "T.DeletionProtectionEnabled: 'yes' is not a boolean",
            "T.KeySchema: required, missing",
            "T.PointInTimeRecoverySpecification.Enabled: no such property",
            "T.SSESpecification.SSEEnabled: required, missing",
            "T.StreamViewType: no such property",
        ], errors.Order());
    }

    [Fact]
    public void SAM_properties_newer_than_its_schema_are_checked_on_the_resource_SAM_makes()
    {
        var errors = Specification.Value.Validate("F", "AWS::Serverless::Function", new Dictionary<string, object?>
        {
            ["Handler"] = "h",
            ["LoggingConfig"] = new Dictionary<string, object?> { ["LogFormat"] = "JSON", ["Level"] = "INFO" },
            ["Architectures"] = new List<object?> { "x86_64" },
            ["Events"] = new Dictionary<string, object?>
            {
                ["S"] = new Dictionary<string, object?>
                {
                    ["Type"] = "DynamoDB",
                    ["Properties"] = new Dictionary<string, object?> { ["Stream"] = "arn", ["StartingPosition"] = "TRIM_HORIZON", ["FunctionResponseTypes"] = new List<object?> { "ReportBatchItemFailures" }, ["BatchSize"] = "many" },
                },
            },
        });

        Assert.Equal(["F.Events.S.Properties.BatchSize: 'many' is not a number", "F.LoggingConfig.Level: no such property"], errors.Order());
    }
}
