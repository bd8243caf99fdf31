using Amazon.DynamoDBv2.Model;
using Todo.Local.Template;
using Todo.Tests.Support;

namespace Todo.Tests.Local;

/// <summary>template.yaml as the local host reads it: the same tables, functions, routes, environment and stream mapping SAM would deploy.</summary>
public sealed class TemplateLoaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("todo-template-tests-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Loads a small template the test writes itself.</summary>
    private SamTemplate LoadYaml(string yaml, Dictionary<string, string>? overrides = null)
    {
        var path = Path.Combine(folder, "template.yaml");
        File.WriteAllText(path, yaml);
        return TemplateLoader.Load(path, "small", overrides ?? new Dictionary<string, string>());
    }

    private static SamTemplate Load(Dictionary<string, string>? overrides = null) =>
        TemplateLoader.Load(Repository.Template, "todo-local", overrides ?? new Dictionary<string, string>());

    private static TableDefinition Table(SamTemplate template, string logicalId) => Assert.Single(template.Tables, t => t.LogicalId == logicalId);

    private static FunctionDefinition Function(SamTemplate template, string logicalId) => Assert.Single(template.Functions, f => f.LogicalId == logicalId);

    private static string Keys(IEnumerable<KeySchemaElement> keys) => string.Join(", ", keys.Select(k => $"{k.AttributeName} {k.KeyType.Value}"));

    private static string Attributes(IEnumerable<AttributeDefinition> attributes) =>
        string.Join(", ", attributes.Select(a => $"{a.AttributeName} {a.AttributeType.Value}"));

    [Fact]
    public void Events_table_is_keyed_by_todo_and_version_with_a_new_image_stream()
    {
        var create = Table(Load(), "EventsTable").Create;

        Assert.Equal("todo-local-events", create.TableName);
        Assert.Equal("todoId HASH, version RANGE", Keys(create.KeySchema));
        Assert.Equal("todoId S, version N", Attributes(create.AttributeDefinitions));
        Assert.True(create.StreamSpecification.StreamEnabled);
        Assert.Equal("NEW_IMAGE", create.StreamSpecification.StreamViewType.Value);
        Assert.Equal("PAY_PER_REQUEST", create.BillingMode.Value);
        Assert.Null(create.LocalSecondaryIndexes);
        Assert.Null(create.GlobalSecondaryIndexes);
    }

    [Fact]
    public void Todos_table_is_keyed_by_list_and_todo_with_the_byCreatedAt_index()
    {
        var create = Table(Load(), "TodosTable").Create;

        Assert.Equal("todo-local-todos", create.TableName);
        Assert.Equal("listId HASH, todoId RANGE", Keys(create.KeySchema));
        Assert.Equal("listId S, todoId S, createdAtKey S, changeKey S", Attributes(create.AttributeDefinitions));
        var index = Assert.Single(create.LocalSecondaryIndexes);
        Assert.Equal("byCreatedAt", index.IndexName);
        Assert.Equal("listId HASH, createdAtKey RANGE", Keys(index.KeySchema));
        Assert.Equal("ALL", index.Projection.ProjectionType.Value);
        // Each write of a state, in order of its change stamp (the changes feed) and on the table's stream (the notifier).
        var byChange = Assert.Single(create.GlobalSecondaryIndexes);
        Assert.Equal((Todo.Store.ReadTable.TodoTable.ByChange, "listId HASH, changeKey RANGE", "ALL"),
            (byChange.IndexName, Keys(byChange.KeySchema), byChange.Projection.ProjectionType.Value));
        Assert.Equal((true, "NEW_IMAGE"), (create.StreamSpecification.StreamEnabled, create.StreamSpecification.StreamViewType.Value));
        var green = Table(Load(), "TodosGreenTable").Create;
        Assert.Equal(Keys(byChange.KeySchema), Keys(Assert.Single(green.GlobalSecondaryIndexes).KeySchema));
        Assert.Equal("NEW_IMAGE", green.StreamSpecification.StreamViewType.Value);
    }

    [Fact]
    public void Only_the_three_tables_are_tables()
    {
        Assert.Equal(["ConnectionsTable", "EventsTable", "IdempotencyTable", "ParkedTable", "ReadPointerTable", "TodosGreenTable", "TodosTable"], Load().Tables.Select(t => t.LogicalId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Table_names_match_what_the_code_reads_them_by()
    {
        var template = Load();

        Assert.Equal(Todo.Store.Events.EventTable.TodoId, Table(template, "EventsTable").Create.KeySchema[0].AttributeName);
        Assert.Equal(Todo.Store.Events.EventTable.Version, Table(template, "EventsTable").Create.KeySchema[1].AttributeName);
        var todos = Table(template, "TodosTable").Create;
        Assert.Equal(Todo.Store.ReadTable.TodoTable.ListId, todos.KeySchema[0].AttributeName);
        Assert.Equal(Todo.Store.ReadTable.TodoTable.TodoId, todos.KeySchema[1].AttributeName);
        Assert.Equal(Todo.Store.ReadTable.TodoTable.ByCreatedAt, todos.LocalSecondaryIndexes[0].IndexName);
        Assert.Equal(Todo.Store.ReadTable.TodoTable.CreatedAtKey, todos.LocalSecondaryIndexes[0].KeySchema[1].AttributeName);
    }

    public static TheoryData<string, string, string, string?, string?> Functions => new()
    {
        { "CreateTodoFunction", "Todo.Commands/", "create-todo", "POST", "/api/todos" },
        { "UpdateTodoFunction", "Todo.Commands/", "update-todo", "PUT", "/api/todos/{id}" },
        { "DeleteTodoFunction", "Todo.Commands/", "delete-todo", "DELETE", "/api/todos/{id}" },
        { "ListTodosFunction", "Todo.Queries/", "list-todos", "GET", "/api/todos" },
        { "GetTodoFunction", "Todo.Queries/", "get-todo", "GET", "/api/todos/{id}" },
        { "ListTodoChangesFunction", "Todo.Queries/", "list-todo-changes", "GET", "/api/todos/changes" },
        { "ProjectTodosFunction", "Todo.Projections/", "project-todos", null, null },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void Each_function_has_its_code_handler_and_route(string logicalId, string codeUri, string handler, string? method, string? path)
    {
        var function = Function(Load(), logicalId);

        Assert.Equal(codeUri, function.CodeUri);
        Assert.Equal(handler, function.Handler);
        if (method is null)
            Assert.Empty(function.Routes);
        else
        {
            var route = Assert.Single(function.Routes);
            Assert.Equal((path, method), (route.Path, route.Method));
        }
        if (logicalId != "ProjectTodosFunction")
            Assert.Empty(function.Streams);
    }

    [Fact]
    public void There_are_thirteen_functions()
    {
        Assert.Equal(
            ["AuthorizeLiveFunction", "ConnectLiveFunction", "CreateTodoFunction", "DeleteTodoFunction", "DisconnectLiveFunction", "GetOpenApiFunction", "GetTodoFunction",
                "ListTodoChangesFunction", "ListTodoEventsFunction", "ListTodosFunction", "NotifyChangesFunction", "ProjectTodosFunction", "UpdateTodoFunction"],
            Load().Functions.Select(f => f.LogicalId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Routes_are_unique_by_method_and_path()
    {
        var routes = Load().Functions.SelectMany(f => f.Routes).ToList();

        Assert.Equal(8, routes.Count);
        Assert.Equal(routes.Count, routes.Distinct().Count());
    }

    [Fact]
    public void Every_function_gets_the_global_environment_resolved()
    {
        var template = Load();

        Assert.Equal(13, template.Functions.Count);
        var global = new Dictionary<string, string>
        {
            ["EVENTS_TABLE"] = "todo-local-events",
            ["TODOS_TABLE"] = "todo-local-todos",
            ["IDEMPOTENCY_TABLE"] = "todo-local-idempotency",
            ["ALLOWED_ORIGIN"] = "http://127.0.0.1:3000",
        };
        // A function's own variables (such as the projector's concurrency) come on top of the global ones.
        Assert.All(template.Functions, function => Assert.Subset(function.Environment.ToHashSet(), global.ToHashSet()));
    }

    [Fact]
    public void Environment_names_are_the_ones_the_code_requires()
    {
        var environment = Load().Functions[0].Environment;

        Assert.True(environment.ContainsKey(Todo.Store.Events.EventTable.EnvironmentVariable));
        Assert.True(environment.ContainsKey(Todo.Store.ReadTable.TodoTable.EnvironmentVariable));
        Assert.True(environment.ContainsKey(Http.ApiResponses.AllowedOriginVariable));
    }

    [Fact]
    public void The_stack_name_names_the_tables()
    {
        var template = TemplateLoader.Load(Repository.Template, "other-stack", new Dictionary<string, string>());

        Assert.Equal(["other-stack-connections", "other-stack-events", "other-stack-idempotency", "other-stack-parked", "other-stack-read-pointer", "other-stack-todos", "other-stack-todos-green"], template.Tables.Select(t => t.Create.TableName).Order(StringComparer.Ordinal));
        Assert.All(template.Functions, f => Assert.Equal("other-stack-events", f.Environment["EVENTS_TABLE"]));
    }

    [Fact]
    public void A_parameter_override_changes_the_allowed_origin()
    {
        var template = Load(new Dictionary<string, string> { ["AllowedOrigin"] = "https://todo.example.com" });

        Assert.All(template.Functions, f => Assert.Equal("https://todo.example.com", f.Environment["ALLOWED_ORIGIN"]));
        Assert.Equal("https://todo.example.com", template.Cors!.AllowOrigin);
    }

    [Fact]
    public void Projector_reads_the_events_table_stream_from_the_start_with_partial_batch_failures()
    {
        var mapping = Assert.Single(Function(Load(), "ProjectTodosFunction").Streams);

        Assert.Equal(new StreamMapping("EventsTable", "TRIM_HORIZON", 1000, ReportBatchItemFailures: true, MaximumRetryAttempts: 10), mapping);
    }

    [Fact]
    public void Cors_values_are_unquoted()
    {
        var cors = Load().Cors;

        Assert.Equal(new CorsConfiguration("http://127.0.0.1:3000", "GET,POST,PUT,DELETE,OPTIONS", "Authorization,Content-Type,Idempotency-Key,If-Match,X-Min-Version", "600"), cors);
    }

    // --- small templates written by the tests ---

    private const string LongForm = """
        Parameters:
          Origin:
            Type: String
            Default: https://app.example
        Globals:
          Function:
            CodeUri: Todo.Commands/
            Environment:
              Variables:
                FROM_GLOBALS: global
                OVERRIDDEN: global
        Resources:
          Log:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName:
                Fn::Sub: "${AWS::StackName}-log-${AWS::Region}"
              AttributeDefinitions:
                - AttributeName: id
                  AttributeType: S
              KeySchema:
                - AttributeName: id
                  KeyType: HASH
              StreamSpecification:
                StreamViewType: NEW_AND_OLD_IMAGES
          Api:
            Type: AWS::Serverless::Api
            Properties:
              Cors:
                AllowOrigin:
                  Fn::Sub: "'${Origin}'"
          Writer:
            Type: AWS::Serverless::Function
            Properties:
              Handler: create-todo
              Environment:
                Variables:
                  TABLE:
                    Ref: Log
                  ORIGIN: { Ref: Origin }
                  ACCOUNT: { "Fn::Sub": "${AWS::AccountId}:${AWS::Partition}" }
                  OVERRIDDEN: own
              Events:
                Post:
                  Type: Api
                  Properties:
                    RestApiId:
                      Ref: Api
                    Path: /things
                    Method: Post
          Reader:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: Todo.Projections
              Handler: project-todos
              Events:
                Stream:
                  Type: DynamoDB
                  Properties:
                    Stream:
                      Fn::GetAtt: [Log, StreamArn]
                    StartingPosition: LATEST
                    BatchSize: 7
                    MaximumRetryAttempts: 3
        """;

    [Fact]
    public void Long_form_intrinsics_resolve_like_short_ones()
    {
        var template = LoadYaml(LongForm);

        var table = Assert.Single(template.Tables);
        Assert.Equal("small-log-us-east-1", table.Create.TableName);
        Assert.Equal("id HASH", Keys(table.Create.KeySchema));
        Assert.Equal("NEW_AND_OLD_IMAGES", table.Create.StreamSpecification.StreamViewType.Value);

        var writer = Function(template, "Writer");
        Assert.Equal("Todo.Commands/", writer.CodeUri); // from Globals
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["FROM_GLOBALS"] = "global",
                ["OVERRIDDEN"] = "own",
                ["TABLE"] = "small-log-us-east-1",
                ["ORIGIN"] = "https://app.example",
                ["ACCOUNT"] = "123456789012:aws",
            },
            writer.Environment);
        Assert.Equal(new ApiRoute("/things", "POST"), Assert.Single(writer.Routes));

        var reader = Function(template, "Reader");
        Assert.Equal("Todo.Projections", reader.CodeUri);
        Assert.Equal(new StreamMapping("Log", "LATEST", 7, ReportBatchItemFailures: false, MaximumRetryAttempts: 3), Assert.Single(reader.Streams));

        Assert.Equal(new CorsConfiguration("https://app.example", "*", "*", null), template.Cors);
    }

    [Fact]
    public void Long_form_parameters_take_overrides()
    {
        var template = LoadYaml(LongForm, new Dictionary<string, string> { ["Origin"] = "https://other.example" });

        Assert.Equal("https://other.example", Function(template, "Writer").Environment["ORIGIN"]);
        Assert.Equal("https://other.example", template.Cors!.AllowOrigin);
    }

    [Fact]
    public void A_template_without_cors_has_none()
    {
        var template = LoadYaml("""
            Resources:
              Only:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: Todo.Queries/, Handler: get-todo }
            """);

        Assert.Null(template.Cors);
        Assert.Empty(template.Tables);
        Assert.Empty(Assert.Single(template.Functions).Environment);
    }

    [Theory]
    [InlineData("!Ref Unknown")]
    [InlineData("{ Ref: Unknown }")]
    [InlineData("!Sub ${Unknown}")]
    public void A_ref_to_an_unknown_name_throws(string value)
    {
        var error = Assert.Throws<TemplateException>(() => LoadYaml($$"""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: Todo.Queries/
                  Handler: get-todo
                  Environment:
                    Variables:
                      X: {{value}}
            """));

        Assert.Contains("Unknown", error.Message);
    }

    [Fact]
    public void A_parameter_without_default_or_value_throws()
    {
        const string yaml = """
            Parameters:
              Needed:
                Type: String
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: Todo.Queries/, Handler: get-todo }
            """;

        Assert.Throws<TemplateException>(() => LoadYaml(yaml));
        Assert.Single(LoadYaml(yaml, new Dictionary<string, string> { ["Needed"] = "given" }).Functions);
    }

    [Theory]
    [InlineData("HttpApi", "{ Path: /x, Method: get }")]
    [InlineData("SQS", "{ Queue: 'arn:aws:sqs:us-east-1:123456789012:q' }")]
    [InlineData("Schedule", "{ Schedule: rate(1 minute) }")]
    [InlineData("S3", "{ Bucket: b }")]
    public void An_unsupported_event_type_throws(string type, string properties)
    {
        var error = Assert.Throws<TemplateException>(() => LoadYaml($$"""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: Todo.Queries/
                  Handler: get-todo
                  Events:
                    Trigger:
                      Type: {{type}}
                      Properties: {{properties}}
            """));

        Assert.Equal("Fn event Trigger has a type the local host does not run.", error.Message);
    }

    [Theory]
    [InlineData("Stream: arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/x")]
    [InlineData("Stream: !GetAtt Table.Arn")]
    public void A_stream_that_is_not_a_table_stream_attribute_throws(string stream)
    {
        Assert.Throws<TemplateException>(() => LoadYaml($$"""
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  KeySchema: [{ AttributeName: id, KeyType: HASH }]
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: Todo.Projections/
                  Handler: project-todos
                  Events:
                    S:
                      Type: DynamoDB
                      Properties:
                        {{stream}}
                        StartingPosition: LATEST
            """));
    }

    [Theory]
    [InlineData("CodeUri: Todo.Queries/", "has no Handler")]
    [InlineData("Handler: get-todo", "has no CodeUri")]
    public void A_function_without_code_or_handler_throws(string property, string message)
    {
        var error = Assert.Throws<TemplateException>(() => LoadYaml($$"""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  {{property}}
            """));

        Assert.Equal($"Fn {message}.", error.Message);
    }

    [Fact]
    public void A_route_that_opts_out_of_an_authorizer_the_API_does_not_have_throws_as_SAM_refuses_it()
    {
        var error = Assert.Throws<TemplateException>(() => LoadYaml("""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: Todo.Queries/
                  Handler: get-openapi
                  Events:
                    Document:
                      Type: Api
                      Properties: { Path: /api/openapi.json, Method: get, Auth: { Authorizer: NONE } }
            """));

        Assert.Contains("only when the API has a DefaultAuthorizer", error.Message);
    }

    [Fact]
    public void A_template_without_resources_throws()
    {
        Assert.Throws<TemplateException>(() => LoadYaml("Parameters: {}\n"));
    }

    [Fact]
    public void With_sign_in_the_todos_routes_take_the_pools_ID_tokens_and_the_description_stays_open()
    {
        var template = Load();

        var authorizer = Assert.IsType<CognitoAuthorizerDefinition>(template.Authorizer);
        Assert.Equal("Authorization", authorizer.Header);
        Assert.Equal(("UserPool", "UserPoolClient"), (authorizer.Pool.LogicalId, authorizer.Client.LogicalId));
        Assert.Equal("todo-local-users", authorizer.Pool.Properties["UserPoolName"]);
        Assert.Equal("false", authorizer.Client.Properties["GenerateSecret"]);
        Assert.Equal("http://127.0.0.1:3000", authorizer.UnauthorizedHeaders["Access-Control-Allow-Origin"]);
        // Only the web client's ID tokens: its Ref, which the local host replaces with the id cognito-local gives it.
        Assert.Equal("^UserPoolClient$", authorizer.ValidationExpression);
        var routes = template.Functions.SelectMany(f => f.Routes).ToList();
        Assert.All(routes.Where(r => r.Path.StartsWith("/api/todos", StringComparison.Ordinal)), r => Assert.True(r.Authorized, $"{r.Method} {r.Path}"));
        Assert.False(Assert.Single(routes, r => r.Path == "/api/openapi.json").Authorized);
        Assert.Equal("cognito", Function(template, "CreateTodoFunction").Environment["AUTH_MODE"]);
        Assert.Contains("Authorization", template.Cors!.AllowHeaders.Split(','));
    }

    [Fact]
    public void With_AuthMode_none_there_is_no_pool_no_authorizer_and_no_guarded_route()
    {
        var template = Load(new Dictionary<string, string> { ["AuthMode"] = "none" });

        Assert.Null(template.Authorizer);
        Assert.All(template.Functions.SelectMany(f => f.Routes), r => Assert.False(r.Authorized));
        Assert.Equal("none", Function(template, "CreateTodoFunction").Environment["AUTH_MODE"]);
    }

    [Fact]
    public void Conditions_choose_between_the_branches_of_If_and_NoValue_removes_a_property()
    {
        var yaml = """
            Parameters:
              Mode: { Type: String, Default: a }
            Conditions:
              IsA: !Equals [!Ref Mode, a]
              NotA: !Not [!Condition IsA]
              Both: { "Fn::And": [{ Condition: IsA }, !Not [{ Condition: NotA }]] }
            Resources:
              OnlyA:
                Type: AWS::DynamoDB::Table
                Condition: IsA
                Properties:
                  TableName: !If [NotA, never, only-a]
                  KeySchema: [{ AttributeName: id, KeyType: HASH }]
                  AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                  StreamSpecification: !If [Both, !Ref AWS::NoValue, { StreamViewType: NEW_IMAGE }]
            """;

        var a = LoadYaml(yaml);
        var b = LoadYaml(yaml, new Dictionary<string, string> { ["Mode"] = "b" });

        var table = Assert.Single(a.Tables);
        Assert.Equal("only-a", table.Create.TableName);
        Assert.Null(table.Create.StreamSpecification);
        Assert.Empty(b.Tables);
    }

    [Fact]
    public void Each_API_function_is_capped_and_the_projector_has_its_own_share_and_0_reserves_for_none()
    {
        var defaults = Load();
        var sized = Load(new Dictionary<string, string> { ["ApiReservedConcurrency"] = "30", ["ProjectorReservedConcurrency"] = "4" });
        var none = Load(new Dictionary<string, string> { ["ApiReservedConcurrency"] = "0", ["ProjectorReservedConcurrency"] = "4" });

        static int? Reserved(SamTemplate template, string logicalId) => Function(template, logicalId).ReservedConcurrentExecutions;
        var api = defaults.Functions.Where(f => f.Routes.Count > 0).Select(f => f.LogicalId).ToList();
        Assert.Equal(8, api.Count);
        Assert.All(api, id => Assert.Equal((20, 30), (Reserved(defaults, id), Reserved(sized, id))));
        Assert.Equal((10, 4), (Reserved(defaults, "ProjectTodosFunction"), Reserved(sized, "ProjectTodosFunction")));
        Assert.All(none.Functions, f => Assert.Null(f.ReservedConcurrentExecutions));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("many")]
    public void A_reservation_Lambda_refuses_is_refused(string reserved)
    {
        var error = Assert.Throws<TemplateException>(() => LoadYaml($$"""
            Globals:
              Function:
                ReservedConcurrentExecutions: {{reserved}}
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: Todo.Queries/, Handler: get-todo }
            """));

        Assert.Equal($"Fn: ReservedConcurrentExecutions '{reserved}' is not a whole number of 0 or more, which Lambda refuses.", error.Message);
    }

    [Theory]
    [InlineData("ApiReservedConcurrency", "-1", "does not match its AllowedPattern ^(0|[1-9][0-9]{0,3})$")]
    [InlineData("ApiReservedConcurrency", "00", "does not match its AllowedPattern ^(0|[1-9][0-9]{0,3})$")]
    [InlineData("ProjectorReservedConcurrency", "0", "is below its MinValue 1")]
    [InlineData("TableMaxWriteUnits", "lots", "is not a Number")]
    [InlineData("AuthMode", "open", "is not one of its AllowedValues")]
    public void A_parameter_value_CloudFormation_refuses_is_refused(string parameter, string value, string reason)
    {
        var error = Assert.Throws<TemplateException>(() => Load(new Dictionary<string, string> { [parameter] = value }));

        Assert.Equal($"Parameter {parameter}: '{value}' {reason}, which CloudFormation refuses.", error.Message);
    }

    [Fact]
    public void A_parameter_above_its_MaxValue_is_refused()
    {
        const string yaml = """
            Parameters:
              Size: { Type: Number, Default: 5, MaxValue: 10 }
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: Todo.Queries/, Handler: get-todo, MemorySize: !Ref Size }
            """;

        Assert.Equal(5, Assert.Single(LoadYaml(yaml).Functions).MemorySize);
        Assert.Throws<TemplateException>(() => LoadYaml(yaml, new Dictionary<string, string> { ["Size"] = "11" }));
    }

    [Fact]
    public void Every_table_is_created_with_the_on_demand_ceilings_of_the_parameters()
    {
        var defaults = Load();
        var lower = Load(new Dictionary<string, string> { ["TableMaxReadUnits"] = "300", ["TableMaxWriteUnits"] = "100" });

        Assert.Equal(7, defaults.Tables.Count);
        Assert.All(defaults.Tables, t => Assert.Equal((4000L, 2000L), (t.Create.OnDemandThroughput.MaxReadRequestUnits, t.Create.OnDemandThroughput.MaxWriteRequestUnits)));
        Assert.All(lower.Tables, t => Assert.Equal((300L, 100L), (t.Create.OnDemandThroughput.MaxReadRequestUnits, t.Create.OnDemandThroughput.MaxWriteRequestUnits)));
    }
}
