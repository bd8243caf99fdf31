using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Todo.Lambda.Observability;
using Todo.Local;
using Todo.Tests.Support;
using static Todo.Tests.Deployment.DeployedTemplate;

namespace Todo.Tests.Deployment;

/// <summary>template.yaml is what production needs: the code's handlers and variables, least privilege, and the wiring around them.</summary>
public sealed class TemplateTests : IDisposable
{
    // Never called: building a function only keeps the client.
    private readonly AmazonDynamoDBClient dynamoDb = new(new BasicAWSCredentials("x", "x"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9" });

    public void Dispose() => dynamoDb.Dispose();

    public static TheoryData<string> FunctionIds => [.. Loaded.Functions.Select(f => f.LogicalId)];

    private static string Handler(string functionId) => Loaded.Functions.Single(f => f.LogicalId == functionId).Handler;

    private static Intrinsic GetAtt(string resource, string attribute) => new("Fn::GetAtt", new List<object?> { resource, attribute });

    private static Intrinsic Ref(string name) => new("Ref", name);

    private static HashSet<string> VariablesRead(Todo.Local.Template.FunctionDefinition function, IAmazonDynamoDB client)
    {
        var recorder = new RecordingEnvironment(function.Environment);
        FunctionHost.Create(function with { Environment = recorder }, client);
        return [.. recorder.Read];
    }

    /// <summary>The variables a function cannot start without: those whose absence makes building it throw.</summary>
    private static List<string> VariablesRequired(Todo.Local.Template.FunctionDefinition function, IAmazonDynamoDB client) =>
        VariablesRead(function, client).Where(variable =>
        {
            try
            {
                FunctionHost.Create(function with { Environment = new RecordingEnvironment(function.Environment, missing: variable) }, client);
                return false;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }).ToList();

    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void Each_handler_exists_and_gets_every_variable_its_code_requires(string functionId)
    {
        var function = Loaded.Functions.Single(f => f.LogicalId == functionId);

        var required = VariablesRequired(function, dynamoDb);

        Assert.NotEmpty(required);
        Assert.All(required, variable => Assert.False(string.IsNullOrWhiteSpace(function.Environment.GetValueOrDefault(variable)), $"{functionId} requires {variable}, which the template does not set."));
    }

    [Fact]
    public void Every_variable_the_template_sets_is_read_by_some_function()
    {
        // Lambda sets some itself, and some are optional settings the template leaves at their defaults.
        var read = Loaded.Functions.SelectMany(f => VariablesRead(f, dynamoDb)).Except(ObservabilityVariables.NotFromTemplate).ToHashSet();

        Assert.Superset(Loaded.Functions.SelectMany(f => f.Environment.Keys).ToHashSet(), read);
    }

    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void Each_function_may_make_exactly_the_DynamoDB_calls_of_its_handler(string functionId)
    {
        var granted = Statements(functionId)
            .Where(s => (string?)s["Effect"] == "Allow")
            .SelectMany(s => Values(s, "Action").Cast<string>().Where(a => a.StartsWith("dynamodb:", StringComparison.Ordinal))
                .SelectMany(action => Values(s, "Resource").Select(resource => $"{action} on {ResourceName(resource)}")))
            .ToList();

        Assert.Equal(granted.Count, granted.Distinct().Count());
        Assert.Equal(DynamoDbAccess.ByHandler[Handler(functionId)].Order(), granted.Order());
    }

    private const string LiveConnectionsArn = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${LiveApi}/prod/POST/@connections/*";

    /// <summary>Actions IAM grants only on "*", since they name no resource.</summary>
    private static readonly HashSet<string> ResourcelessActions = ["dynamodb:ListStreams", "xray:PutTraceSegments", "xray:PutTelemetryRecords"];

    /// <summary>Every policy statement in the template: function policies, roles' inline policies and resource policies.</summary>
    private static IEnumerable<(string Owner, Dictionary<string, object?> Statement)> AllStatements()
    {
        foreach (var (id, _) in OfType("AWS::Serverless::Function"))
            foreach (var statement in Statements(id))
                yield return (id, statement);
        foreach (var (id, role) in OfType("AWS::IAM::Role"))
            foreach (var policy in List(Map(role, "Properties"), "Policies"))
                foreach (var statement in List(Map(policy, "PolicyDocument"), "Statement"))
                    yield return (id, statement);
        foreach (var (id, policy) in OfType("AWS::S3::BucketPolicy").Concat(OfType("AWS::IAM::ManagedPolicy")))
            foreach (var statement in List(Map(Map(policy, "Properties"), "PolicyDocument"), "Statement"))
                yield return (id, statement);
    }

    [Fact]
    public void The_operator_policy_grants_exactly_what_todoctl_calls_and_its_ARN_is_an_output()
    {
        var statements = List(Map(Properties("OperatorPolicy"), "PolicyDocument"), "Statement").ToList();
        var granted = statements
            .SelectMany(s => Values(s, "Action").Cast<string>().SelectMany(action => Values(s, "Resource").Select(resource => $"{action} on {ResourceName(resource)}")))
            .ToList();

        Assert.All(statements, s => Assert.Equal("Allow", s["Effect"]));
        Assert.Equal(granted.Count, granted.Distinct().Count());
        Assert.Equal(OperatorAccess.Needed.Order(), granted.Order());
        Assert.Equal(Ref("OperatorPolicy"), Map(Map(Raw, "Outputs"), "OperatorPolicyArn")["Value"]);
    }

    [Fact]
    public void Each_API_function_is_capped_and_the_projector_reserves_its_share_unless_0_turns_reservation_off()
    {
        var parameters = Map(Raw, "Parameters");
        int Default(string name) => int.Parse((string)Map(parameters, name)["Default"]!, CultureInfo.InvariantCulture);
        Intrinsic Reserved(string parameter) => new("Fn::If", new List<object?> { "ReserveConcurrency", Ref(parameter), Ref("AWS::NoValue") });
        var functions = OfType("AWS::Serverless::Function").Select(f => f.Id).ToList();

        Assert.Equal(new Intrinsic("Fn::Not", new List<object?> { new Intrinsic("Fn::Equals", new List<object?> { Ref("ApiReservedConcurrency"), "0" }) }), Map(Raw, "Conditions")["ReserveConcurrency"]);
        Assert.Equal(Reserved("ApiReservedConcurrency"), Map(Map(Raw, "Globals"), "Function")["ReservedConcurrentExecutions"]);
        Assert.Equal(Reserved("ProjectorReservedConcurrency"), Properties("ProjectTodosFunction")["ReservedConcurrentExecutions"]);
        Assert.Equal(["ProjectTodosFunction"], functions.Where(f => Properties(f).ContainsKey("ReservedConcurrentExecutions")));
        // The projector runs one batch per shard at a time, so its share is a count of shards.
        var mapping = Map(Map(Map(Properties("ProjectTodosFunction"), "Events"), "EventStream"), "Properties");
        Assert.False(mapping.ContainsKey("ParallelizationFactor"));
        // Lambda keeps 100 of an account's concurrency unreserved; a new account's quota may be far below the usual 1,000.
        Assert.InRange((functions.Count - 1) * Default("ApiReservedConcurrency") + Default("ProjectorReservedConcurrency"), 1, 1000 - 100);
    }

    [Fact]
    public void No_policy_grants_a_wildcard()
    {
        var statements = AllStatements().Where(s => (string?)s.Statement["Effect"] == "Allow").ToList();

        Assert.True(statements.Count > 10);
        Assert.All(statements, s =>
        {
            var actions = Values(s.Statement, "Action").Cast<string>().ToList();
            Assert.DoesNotContain(actions, a => a.Contains('*'));
            foreach (var resource in Values(s.Statement, "Resource").Select(ResourceName))
            {
                if (resource == "*")
                    Assert.All(actions, a => Assert.Contains(a, ResourcelessActions));
                else if (resource.Contains('*'))
                    // Objects are named by a key pattern: only "every object of this bucket", and only read; connections by an
                    // id API Gateway makes up: only "any connection of this stage", and only to post to it.
                    Assert.True(resource == "WebBucket/*" && actions is ["s3:GetObject"]
                        || resource == $"Fn::Sub({LiveConnectionsArn})" && actions is ["execute-api:ManageConnections"], $"{s.Owner}: {resource}");
            }
        });
    }

    [Fact]
    public void Functions_grant_nothing_through_policy_templates_or_managed_policies()
    {
        foreach (var (id, function) in OfType("AWS::Serverless::Function"))
        {
            Assert.All(Map(function, "Properties").GetValueOrDefault("Policies") as List<object?> ?? [], p => Assert.IsType<Dictionary<string, object?>>(p));
            Assert.Null(Map(function, "Properties").GetValueOrDefault("ManagedPolicyArns"));
        }
        Assert.All(OfType("AWS::IAM::Role").Where(r => r.Id != "ApiGatewayLoggingRole"), r => Assert.Null(Map(r.Resource, "Properties").GetValueOrDefault("ManagedPolicyArns")));
    }

    [Fact]
    public void The_stream_mapping_retries_a_bounded_number_of_times_then_parks_the_batch()
    {
        const string functionId = "ProjectTodosFunction";
        var mapping = Map(Assert.Single(Map(Properties(functionId), "Events").Values.Cast<Dictionary<string, object?>>(), e => (string?)e["Type"] == "DynamoDB"), "Properties");
        int Number(string key) => int.Parse((string)mapping[key]!, CultureInfo.InvariantCulture);

        Assert.Equal(GetAtt("EventsTable", "StreamArn"), mapping["Stream"]);
        Assert.Equal("TRIM_HORIZON", mapping["StartingPosition"]);
        Assert.InRange(Number("BatchSize"), 1, 10_000);
        Assert.InRange(Number("MaximumBatchingWindowInSeconds"), 0, 300);
        Assert.Equal("true", mapping["BisectBatchOnFunctionError"]);
        Assert.InRange(Number("MaximumRetryAttempts"), 0, 10_000);
        Assert.InRange(Number("MaximumRecordAgeInSeconds"), 60, 24 * 3600);
        Assert.Equal(new List<object?> { "ReportBatchItemFailures" }, mapping["FunctionResponseTypes"]);
        var destination = Map(Map(mapping, "DestinationConfig"), "OnFailure")["Destination"];
        var queue = Assert.IsType<Intrinsic>(destination).Argument as List<object?>;
        Assert.Equal("AWS::SQS::Queue", Map(Resources, (string)queue![0]!)["Type"]);
        Assert.Contains(Statements(functionId), s => Values(s, "Action").Contains("sqs:SendMessage") && Values(s, "Resource").Contains(destination));
    }

    [Fact]
    public void Tables_are_on_demand_under_a_ceiling_and_the_events_table_is_kept_restorable_and_encrypted()
    {
        Assert.All(OfType("AWS::DynamoDB::Table"), t => Assert.Equal("PAY_PER_REQUEST", Map(t.Resource, "Properties")["BillingMode"]));
        Assert.All(OfType("AWS::DynamoDB::Table"), t => Assert.Equal(
            new Dictionary<string, object?> { ["MaxReadRequestUnits"] = Ref("TableMaxReadUnits"), ["MaxWriteRequestUnits"] = Ref("TableMaxWriteUnits") },
            Map(Map(t.Resource, "Properties"), "OnDemandThroughput")));
        var events = Map(Resources, "EventsTable");
        Assert.Equal("Retain", events["DeletionPolicy"]);
        Assert.Equal("Retain", events["UpdateReplacePolicy"]);
        var properties = Properties("EventsTable");
        Assert.Equal("true", Map(properties, "PointInTimeRecoverySpecification")["PointInTimeRecoveryEnabled"]);
        Assert.Equal("true", Map(properties, "SSESpecification")["SSEEnabled"]);
        Assert.Equal("NEW_IMAGE", Map(properties, "StreamSpecification")["StreamViewType"]);
        Assert.All(OfType("AWS::DynamoDB::Table").Where(t => Map(t.Resource, "Properties").ContainsKey("TimeToLiveSpecification")),
            t => Assert.Equal("true", Map(Map(t.Resource, "Properties"), "TimeToLiveSpecification")["Enabled"]));
    }

    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void Each_function_runs_the_AOT_bootstrap_built_by_its_Makefile_traced_with_JSON_logs(string functionId)
    {
        Assert.Equal("provided.al2023", FunctionProperty(functionId, "Runtime"));
        Assert.Equal(new List<object?> { "x86_64" }, FunctionProperty(functionId, "Architectures"));
        Assert.Equal("Active", FunctionProperty(functionId, "Tracing"));
        Assert.InRange(int.Parse((string)FunctionProperty(functionId, "MemorySize")!, CultureInfo.InvariantCulture), 128, 1024);
        Assert.InRange(int.Parse((string)FunctionProperty(functionId, "Timeout")!, CultureInfo.InvariantCulture), 3, 30);

        var globalLogging = Map(Map(Map(Raw, "Globals"), "Function"), "LoggingConfig");
        Assert.Equal("JSON", globalLogging["LogFormat"]);
        Assert.Equal(Ref("LogLevel"), globalLogging["ApplicationLogLevel"]);
        Assert.Contains("INFO", (List<object?>)Map(Map(Raw, "Parameters"), "LogLevel")["AllowedValues"]!);
        var logGroup = (string)Assert.IsType<Intrinsic>(Map(Properties(functionId), "LoggingConfig")["LogGroup"]).Argument!;
        Assert.Equal("AWS::Logs::LogGroup", Map(Resources, logGroup)["Type"]);
        Assert.NotNull(Properties(logGroup).GetValueOrDefault("RetentionInDays"));

        Assert.Equal("makefile", Map(Map(Resources, functionId), "Metadata")["BuildMethod"]);
        var makefile = Path.Combine(Repository.Root, (string)Properties(functionId)["CodeUri"]!, "Makefile");
        Assert.Matches($@"(?m)^[^#\n]*\bbuild-{functionId}\b[^\n]*:", File.ReadAllText(makefile));
    }

    [Fact]
    public void The_API_is_a_throttled_access_logged_REST_API_on_stage_prod_with_CORS_from_a_parameter()
    {
        var (apiId, api) = Assert.Single(OfType("AWS::Serverless::Api"));
        var properties = Map(api, "Properties");

        Assert.Equal("prod", properties["StageName"]);
        var throttling = Assert.Single(List(properties, "MethodSettings"));
        Assert.True(int.Parse((string)throttling["ThrottlingRateLimit"]!, CultureInfo.InvariantCulture) > 0);
        Assert.True(int.Parse((string)throttling["ThrottlingBurstLimit"]!, CultureInfo.InvariantCulture) > 0);
        var logs = Assert.IsType<Intrinsic>(Map(properties, "AccessLogSetting")["DestinationArn"]);
        Assert.Equal("AWS::Logs::LogGroup", Map(Resources, (string)((List<object?>)logs.Argument!)[0]!)["Type"]);
        Assert.Contains("$context.requestId", (string)Map(properties, "AccessLogSetting")["Format"]!);
        Assert.Equal(new Intrinsic("Fn::Sub", "'${AllowedOrigin}'"), Map(properties, "Cors")["AllowOrigin"]);
        Assert.NotEqual("*", Map(Map(Raw, "Parameters"), "AllowedOrigin")["Default"]);
        Assert.All(OfType("AWS::Serverless::Function").SelectMany(f => (Map(f.Resource, "Properties").GetValueOrDefault("Events") as Dictionary<string, object?> ?? []).Values)
            .Cast<Dictionary<string, object?>>().Where(e => (string?)e["Type"] == "Api"),
            e => Assert.Equal(Ref(apiId), Map(e, "Properties")["RestApiId"]));
    }

    [Fact]
    public void The_bucket_is_private_encrypted_TLS_only_and_readable_by_the_distribution_alone()
    {
        var bucket = Properties("WebBucket");
        Assert.All(Map(bucket, "PublicAccessBlockConfiguration").Values, v => Assert.Equal("true", v));
        Assert.Equal(4, Map(bucket, "PublicAccessBlockConfiguration").Count);
        Assert.NotEmpty(List(Map(bucket, "BucketEncryption"), "ServerSideEncryptionConfiguration"));

        var policy = Assert.Single(OfType("AWS::S3::BucketPolicy"));
        Assert.Equal(Ref("WebBucket"), Map(policy.Resource, "Properties")["Bucket"]);
        var statements = List(Map(Map(policy.Resource, "Properties"), "PolicyDocument"), "Statement").ToList();
        var read = Assert.Single(statements, s => (string?)s["Effect"] == "Allow");
        Assert.Equal("cloudfront.amazonaws.com", Map(read, "Principal")["Service"]);
        Assert.Equal(["s3:GetObject"], Values(read, "Action"));
        var source = (Intrinsic)Map(Map(read, "Condition"), "StringEquals")["AWS:SourceArn"]!;
        Assert.EndsWith(":distribution/${WebDistribution}", (string)source.Argument!);
        var tls = Assert.Single(statements, s => (string?)s["Effect"] == "Deny");
        Assert.Equal("false", Map(Map(tls, "Condition"), "Bool")["aws:SecureTransport"]);
    }

    [Fact]
    public void CloudFront_serves_the_bucket_through_OAC_with_SPA_fallback_and_security_headers_and_routes_api_uncached()
    {
        var config = Map(Properties("WebDistribution"), "DistributionConfig");
        var origins = List(config, "Origins").ToDictionary(o => (string)o["Id"]!);
        var web = Assert.Single(origins.Values, o => o.ContainsKey("S3OriginConfig"));
        Assert.Equal(GetAtt("WebBucket", "RegionalDomainName"), web["DomainName"]);
        Assert.Equal("", Map(web, "S3OriginConfig")["OriginAccessIdentity"]);
        var oac = (string)((List<object?>)((Intrinsic)web["OriginAccessControlId"]!).Argument!)[0]!;
        var signing = Map(Properties(oac), "OriginAccessControlConfig");
        Assert.Equal(("s3", "always", "sigv4"), ((string?)signing["OriginAccessControlOriginType"], (string?)signing["SigningBehavior"], (string?)signing["SigningProtocol"]));

        var site = Map(config, "DefaultCacheBehavior");
        Assert.Equal(web["Id"], site["TargetOriginId"]);
        Assert.Equal("redirect-to-https", site["ViewerProtocolPolicy"]);
        var rewrite = Assert.Single(List(site, "FunctionAssociations"));
        Assert.Equal("viewer-request", rewrite["EventType"]);
        var function = (string)((List<object?>)((Intrinsic)rewrite["FunctionARN"]!).Argument!)[0]!;
        Assert.Contains("request.uri = '/index.html'", (string)Properties(function)["FunctionCode"]!);
        var headers = Map(Map(Properties((string)((Intrinsic)site["ResponseHeadersPolicyId"]!).Argument!), "ResponseHeadersPolicyConfig"), "SecurityHeadersConfig");
        Assert.Superset(new HashSet<string> { "StrictTransportSecurity", "ContentTypeOptions", "FrameOptions", "ReferrerPolicy", "ContentSecurityPolicy" }, headers.Keys.ToHashSet());

        var apiBehavior = Assert.Single(List(config, "CacheBehaviors"), b => (string?)b["PathPattern"] == "/api/*");
        var apiOrigin = origins[(string)apiBehavior["TargetOriginId"]!];
        Assert.StartsWith("${TodoApi}.execute-api.", (string)((Intrinsic)apiOrigin["DomainName"]!).Argument!);
        Assert.Equal("/prod", apiOrigin["OriginPath"]);
        Assert.Equal("https-only", Map(apiOrigin, "CustomOriginConfig")["OriginProtocolPolicy"]);
        Assert.Equal("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", apiBehavior["CachePolicyId"]); // Managed-CachingDisabled
        var forwarded = Map(Properties((string)((Intrinsic)apiBehavior["OriginRequestPolicyId"]!).Argument!), "OriginRequestPolicyConfig");
        Assert.Equal("allExcept", Map(forwarded, "HeadersConfig")["HeaderBehavior"]);
        Assert.Equal(["Host"], Values(Map(forwarded, "HeadersConfig"), "Headers"));
        Assert.Equal("all", Map(forwarded, "QueryStringsConfig")["QueryStringBehavior"]);
        Assert.Superset(new HashSet<object?> { "GET", "POST", "PUT", "DELETE", "OPTIONS" }, Values(apiBehavior, "AllowedMethods").ToHashSet());
        Assert.NotEqual("allow-all", apiBehavior["ViewerProtocolPolicy"]);
    }

    [Fact]
    public void CloudFront_forwards_the_recent_writes_cookie_to_the_API_and_no_other()
    {
        var apiBehavior = Assert.Single(List(Map(Properties("WebDistribution"), "DistributionConfig"), "CacheBehaviors"), b => (string?)b["PathPattern"] == "/api/*");
        var policy = Map(Properties((string)((Intrinsic)apiBehavior["OriginRequestPolicyId"]!).Argument!), "OriginRequestPolicyConfig");
        var cookies = Map(policy, "CookiesConfig");

        Assert.Equal("whitelist", cookies["CookieBehavior"]);
        Assert.Equal([Todo.Http.RecentWritesCookie.Name], Values(cookies, "Cookies"));
    }

    [Fact]
    public void Alarms_watch_the_stream_lag_the_parked_batches_API_5xx_and_503s_and_every_functions_errors_and_throttles()
    {
        var alarms = OfType("AWS::CloudWatch::Alarm").Select(a => Map(a.Resource, "Properties")).ToList();
        var metrics = alarms.SelectMany(a => a.ContainsKey("MetricName")
                ? [(Name: (string)a["MetricName"]!, Dimension: List(a, "Dimensions").First()["Value"])]
                : List(a, "Metrics").Where(m => m.ContainsKey("MetricStat")).Select(m => Map(Map(m, "MetricStat"), "Metric"))
                    .Select(m => (Name: (string)m["MetricName"]!, Dimension: List(m, "Dimensions").First()["Value"])))
            .ToList();
        var functions = OfType("AWS::Serverless::Function").Select(f => (object?)Ref(f.Id)).ToList();

        Assert.Contains(("IteratorAge", Ref("ProjectTodosFunction")), metrics);
        Assert.Contains(("ProjectionLag", "todo"), metrics);
        Assert.Contains((Todo.Lambda.APIGatewayEvents.APIGatewayProxyFunction.UnavailableMetric, "todo"), metrics);
        Assert.Contains(("ApproximateNumberOfMessagesVisible", GetAtt("ProjectionFailures", "QueueName")), metrics);
        Assert.Contains(metrics, m => m.Name == "5XXError");
        Assert.All(functions, f => Assert.Contains(("Errors", f), metrics));
        Assert.All(functions, f => Assert.Contains(("Throttles", f), metrics));
        Assert.All(alarms, a => Assert.Equal(new List<object?> { Ref("AlarmTopic") }, a["AlarmActions"]));
    }

    [Fact]
    public void Outputs_give_the_app_and_API_URLs_the_bucket_and_every_table_name()
    {
        var outputs = Map(Raw, "Outputs").Values.Cast<Dictionary<string, object?>>().Select(o => o["Value"]).ToList();

        Assert.Contains(outputs, v => v is Intrinsic { Function: "Fn::Sub", Argument: "https://${WebDistribution.DomainName}" });
        Assert.Contains(outputs, v => v is Intrinsic { Function: "Fn::Sub", Argument: string s } && s.StartsWith("https://${TodoApi}.execute-api.", StringComparison.Ordinal));
        Assert.Contains(Ref("WebBucket"), outputs);
        Assert.All(OfType("AWS::DynamoDB::Table"), t => Assert.Contains(Ref(t.Id), outputs));
    }

    [Fact]
    public void Users_sign_in_with_a_Cognito_pool_whose_ID_tokens_every_todos_route_takes_unless_AuthMode_is_none()
    {
        Assert.Equal(new List<object?> { "AWS::LanguageExtensions", "AWS::Serverless-2016-10-31" }, Raw["Transform"]);
        var mode = Map(Map(Raw, "Parameters"), "AuthMode");
        Assert.Equal("cognito", mode["Default"]);
        Assert.Equal(new List<object?> { "cognito", "none" }, mode["AllowedValues"]);
        Assert.Equal(new Intrinsic("Fn::Equals", new List<object?> { Ref("AuthMode"), "cognito" }), Map(Raw, "Conditions")["UseCognito"]);
        Assert.Equal(Ref("AuthMode"), Map(Map(Map(Map(Raw, "Globals"), "Function"), "Environment"), "Variables")["AUTH_MODE"]);

        var (poolId, pool) = Assert.Single(OfType("AWS::Cognito::UserPool"));
        var (_, client) = Assert.Single(OfType("AWS::Cognito::UserPoolClient"));
        Assert.Equal("UseCognito", pool["Condition"]);
        Assert.Equal("UseCognito", client["Condition"]);
        var poolProperties = Map(pool, "Properties");
        Assert.Equal(new List<object?> { "email" }, poolProperties["UsernameAttributes"]);
        Assert.Equal(new List<object?> { "email" }, poolProperties["AutoVerifiedAttributes"]);
        var passwords = Map(Map(poolProperties, "Policies"), "PasswordPolicy");
        Assert.True(int.Parse((string)passwords["MinimumLength"]!, CultureInfo.InvariantCulture) >= 12);
        Assert.All(new[] { "RequireLowercase", "RequireUppercase", "RequireNumbers" }, rule => Assert.Equal("true", passwords[rule]));
        var clientProperties = Map(client, "Properties");
        Assert.Equal(Ref(poolId), clientProperties["UserPoolId"]);
        Assert.Equal("false", clientProperties["GenerateSecret"]);
        Assert.DoesNotContain("ALLOW_ADMIN_USER_PASSWORD_AUTH", Values(clientProperties, "ExplicitAuthFlows"));
        // Short-lived: the API takes an ID token until it expires, even after sign-out.
        Assert.Equal("15", clientProperties["IdTokenValidity"]);
        Assert.Equal("15", clientProperties["AccessTokenValidity"]);
        Assert.Equal(new Dictionary<string, object?> { ["IdToken"] = "minutes", ["AccessToken"] = "minutes", ["RefreshToken"] = "days" }, Map(clientProperties, "TokenValidityUnits"));

        var api = Map(Assert.Single(OfType("AWS::Serverless::Api")).Resource, "Properties");
        var auth = Assert.IsType<Intrinsic>(api["Auth"]);
        Assert.Equal("Fn::If", auth.Function);
        var branches = Assert.IsType<List<object?>>(auth.Argument);
        Assert.Equal("UseCognito", branches[0]);
        Assert.Equal(Ref("AWS::NoValue"), branches[2]);
        var cognito = Assert.IsType<Dictionary<string, object?>>(branches[1]);
        Assert.Equal("false", cognito["AddDefaultAuthorizerToCorsPreflight"]);
        var authorizer = Map(Map(cognito, "Authorizers"), (string)cognito["DefaultAuthorizer"]!);
        Assert.Equal(GetAtt(poolId, "Arn"), authorizer["UserPoolArn"]);
        Assert.Equal("Authorization", Map(authorizer, "Identity")["Header"]);
        Assert.Contains("Authorization", ((string)Map(api, "Cors")["AllowHeaders"]!).Trim('\'').Split(','));
        Assert.Equal(new Intrinsic("Fn::Sub", "'${AllowedOrigin}'"), Map(Map(Map(Map(api, "GatewayResponses"), "UNAUTHORIZED"), "ResponseParameters"), "Headers")["Access-Control-Allow-Origin"]);
        // Only the API's description opts out.
        var open = OfType("AWS::Serverless::Function").SelectMany(f => (Map(f.Resource, "Properties").GetValueOrDefault("Events") as Dictionary<string, object?> ?? []).Values.Cast<Dictionary<string, object?>>())
            .Select(e => Map(e, "Properties")).Where(p => p.ContainsKey("Auth")).ToList();
        Assert.Equal("/api/openapi.json", Assert.Single(open)["Path"]);
        // SAM takes Authorizer NONE only beside a default authorizer: without sign-in the route says nothing of auth.
        var optOut = Assert.IsType<Intrinsic>(open[0]["Auth"]);
        Assert.Equal("Fn::If", optOut.Function);
        var (condition, signIn, none) = Assert.IsType<List<object?>>(optOut.Argument) is [var c, var s, var n] ? (c, s, n) : throw new InvalidOperationException("Fn::If takes three arguments.");
        Assert.Equal("UseCognito", condition);
        Assert.Equal("NONE", ((Dictionary<string, object?>)signIn!)["Authorizer"]);
        Assert.Equal(Ref("AWS::NoValue"), none);
    }

    [Fact]
    public void Every_reference_names_a_parameter_or_resource_of_the_template()
    {
        var known = Map(Raw, "Parameters").Keys.Concat(Resources.Keys).ToHashSet();

        var references = Intrinsics().SelectMany(intrinsic => intrinsic switch
        {
            { Function: "Ref", Argument: string name } => [name],
            { Function: "Fn::GetAtt", Argument: List<object?> parts } => [(string)parts[0]!],
            { Function: "Fn::Sub", Argument: string text } => System.Text.RegularExpressions.Regex.Matches(text, @"\$\{([^!}][^}.]*)").Select(m => m.Groups[1].Value),
            _ => [],
        }).ToList();

        Assert.True(references.Count > 50);
        Assert.All(references.Where(r => !r.StartsWith("AWS::", StringComparison.Ordinal)), r => Assert.Contains(r, known));
    }
}
