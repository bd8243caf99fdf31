using System.Globalization;
using Todo.Live.Connections;
using Todo.Local.Template;
using Todo.Queries;
using Todo.Tests.Support;
using static Todo.Tests.Deployment.DeployedTemplate;

namespace Todo.Tests.Deployment;

/// <summary>
/// The live channel in template.yaml: a WebSocket API whose <c>$connect</c> takes an ID token through a REQUEST authorizer
/// (only with sign-in), a ping API Gateway answers itself, functions API Gateway may invoke for their own routes only, the
/// connections table the code knows, and a notifier beside the projection on both read tables' streams.
/// </summary>
public sealed class LiveTemplateTests
{
    private static Intrinsic Ref(string name) => new("Ref", name);

    private static Intrinsic Sub(string text) => new("Fn::Sub", text);

    private static Intrinsic GetAtt(string resource, string attribute) => new("Fn::GetAtt", new List<object?> { resource, attribute });

    private static Intrinsic IfCognito(object? then, object? otherwise) => new("Fn::If", new List<object?> { "UseCognito", then, otherwise });

    private static Intrinsic FunctionUri(string function) =>
        Sub($"arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/${{{function}.Arn}}/invocations");

    private static Dictionary<string, object?> Route(string key) =>
        Map(Assert.Single(OfType("AWS::ApiGatewayV2::Route"), r => (string?)Map(r.Resource, "Properties")["RouteKey"] == key).Resource, "Properties");

    private static Dictionary<string, object?> Integration(Dictionary<string, object?> route) =>
        Properties(((string)Assert.IsType<Intrinsic>(route["Target"]).Argument!)["integrations/${".Length..^1]);

    [Fact]
    public void The_live_API_is_a_WebSocket_API_on_stage_prod_deployed_on_every_change_throttled_and_access_logged()
    {
        var (apiId, api) = Assert.Single(OfType("AWS::ApiGatewayV2::Api"));
        Assert.Equal("LiveApi", apiId);
        Assert.Equal("WEBSOCKET", Map(api, "Properties")["ProtocolType"]);
        Assert.Equal("$request.body.action", Map(api, "Properties")["RouteSelectionExpression"]);

        var stage = Map(Assert.Single(OfType("AWS::ApiGatewayV2::Stage")).Resource, "Properties");
        Assert.Equal(Ref(apiId), stage["ApiId"]);
        Assert.Equal("prod", stage["StageName"]);
        Assert.Equal("true", stage["AutoDeploy"]);
        var throttling = Map(stage, "DefaultRouteSettings");
        Assert.True(int.Parse((string)throttling["ThrottlingRateLimit"]!, CultureInfo.InvariantCulture) > 0);
        Assert.True(int.Parse((string)throttling["ThrottlingBurstLimit"]!, CultureInfo.InvariantCulture) > 0);
        Assert.Equal(GetAtt("LiveAccessLogs", "Arn"), Map(stage, "AccessLogSettings")["DestinationArn"]);
        Assert.Contains("$context.connectionId", (string)Map(stage, "AccessLogSettings")["Format"]!);
        Assert.All(OfType("AWS::ApiGatewayV2::Route").Concat(OfType("AWS::ApiGatewayV2::Integration")), r => Assert.Equal(Ref(apiId), Map(r.Resource, "Properties")["ApiId"]));
        Assert.Equal(["$connect", "$disconnect", "ping"], OfType("AWS::ApiGatewayV2::Route").Select(r => (string)Map(r.Resource, "Properties")["RouteKey"]!).Order());
    }

    [Fact]
    public void Connect_takes_the_ID_token_offered_as_a_protocol_through_a_REQUEST_authorizer_only_with_sign_in()
    {
        var connect = Route("$connect");
        Assert.Equal(IfCognito("CUSTOM", "NONE"), connect["AuthorizationType"]);
        Assert.Equal(IfCognito(Ref("LiveAuthorizer"), Ref("AWS::NoValue")), connect["AuthorizerId"]);
        Assert.All(new[] { "$disconnect", "ping" }, key => Assert.False(Route(key).ContainsKey("AuthorizationType")));

        var authorizer = Map(Resources, "LiveAuthorizer");
        Assert.Equal("UseCognito", authorizer["Condition"]);
        var properties = Map(authorizer, "Properties");
        Assert.Equal("REQUEST", properties["AuthorizerType"]);
        Assert.Equal(new List<object?> { "route.request.header." + LiveProtocol.Header }, properties["IdentitySource"]);
        Assert.Equal(FunctionUri("AuthorizeLiveFunction"), properties["AuthorizerUri"]);

        Assert.Equal("UseCognito", Map(Resources, "AuthorizeLiveFunction")["Condition"]);
        var variables = Map(Map(Properties("AuthorizeLiveFunction"), "Environment"), "Variables");
        Assert.Equal(Sub("https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}/${UserPool}"), variables[AuthorizeLiveFunction.IssuerVariable]);
        Assert.Equal(Ref("UserPoolClient"), variables[AuthorizeLiveFunction.ClientIdVariable]);
        Assert.Empty(Statements("AuthorizeLiveFunction"));
    }

    [Theory]
    [InlineData("cognito", true)]
    [InlineData("none", false)]
    public void The_local_host_reads_the_same_API_in_both_modes_with_the_authorizer_only_with_sign_in(string mode, bool signIn)
    {
        var live = TemplateLoader.Load(Repository.Template, "todo-test", new Dictionary<string, string> { ["AuthMode"] = mode }).Live!;

        Assert.Equal(("LiveApi", "prod", "action"), (live.LogicalId, live.Stage, live.SelectionField));
        Assert.Equal(signIn, live.Routes["$connect"].Authorized);
        Assert.Equal(signIn ? "AuthorizeLiveFunction" : null, live.Authorizer?.FunctionId);
        Assert.Equal(signIn ? LiveProtocol.Header : null, live.Authorizer?.IdentityHeader);
        Assert.Equal("ConnectLiveFunction", live.Routes["$connect"].FunctionId);
        Assert.Equal("DisconnectLiveFunction", live.Routes["$disconnect"].FunctionId);
        Assert.Equal("""{"type":"pong"}""", live.Routes["ping"].Reply);
    }

    [Fact]
    public void Ping_is_answered_by_API_Gateway_itself_with_a_pong()
    {
        var ping = Route("ping");
        var integration = Integration(ping);
        Assert.Equal("MOCK", integration["IntegrationType"]);
        Assert.Equal("$default", ping["RouteResponseSelectionExpression"]);
        var (_, response) = Assert.Single(OfType("AWS::ApiGatewayV2::IntegrationResponse"));
        Assert.Equal("""{"type":"pong"}""", Map(Map(response, "Properties"), "ResponseTemplates")["$default"]);
        var (_, routeResponse) = Assert.Single(OfType("AWS::ApiGatewayV2::RouteResponse"));
        Assert.Equal(Ref("LivePingRoute"), Map(routeResponse, "Properties")["RouteId"]);
    }

    [Theory]
    [InlineData("$connect", "ConnectLiveFunction")]
    [InlineData("$disconnect", "DisconnectLiveFunction")]
    public void Each_route_function_is_invoked_by_a_proxy_integration_and_may_be_invoked_for_that_route_of_this_API_only(string key, string function)
    {
        var integration = Integration(Route(key));
        Assert.Equal("AWS_PROXY", integration["IntegrationType"]);
        Assert.Equal(FunctionUri(function), integration["IntegrationUri"]);

        var permission = Assert.Single(OfType("AWS::Lambda::Permission"), p => Equals(Map(p.Resource, "Properties")["FunctionName"], Ref(function)));
        var properties = Map(permission.Resource, "Properties");
        Assert.Equal("apigateway.amazonaws.com", properties["Principal"]);
        Assert.Equal("lambda:InvokeFunction", properties["Action"]);
        Assert.Equal(Sub($"arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{LiveApi}}/*/{key}"), properties["SourceArn"]);
    }

    [Fact]
    public void The_authorizer_may_be_invoked_as_this_APIs_authorizer_only()
    {
        var permission = Assert.Single(OfType("AWS::Lambda::Permission"), p => Equals(Map(p.Resource, "Properties")["FunctionName"], Ref("AuthorizeLiveFunction")));
        Assert.Equal("UseCognito", permission.Resource["Condition"]);
        Assert.Equal(Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${LiveApi}/authorizers/${LiveAuthorizer}"), Map(permission.Resource, "Properties")["SourceArn"]);
    }

    [Fact]
    public void Connect_counts_connections_at_the_rates_of_the_REST_APIs_firewall_rules()
    {
        var variables = Map(Map(Properties("ConnectLiveFunction"), "Environment"), "Variables");

        Assert.Equal(Ref("UserRequestsPerMinute"), variables[LiveSettings.UserConnectsVariable]);
        Assert.Equal(Ref("AnonymousRequestsPerMinute"), variables[LiveSettings.AnonymousConnectsVariable]);
        Assert.All(new[] { "ConnectLiveFunction", "DisconnectLiveFunction", "NotifyChangesFunction" },
            f => Assert.Equal(Ref("ConnectionsTable"), Map(Map(Properties(f), "Environment"), "Variables")[ConnectionsTable.EnvironmentVariable]));
    }

    [Fact]
    public void The_connections_table_has_the_layout_the_code_knows_and_expires_its_items()
    {
        var properties = Properties("ConnectionsTable");

        Assert.Equal(Sub("${AWS::StackName}-connections"), properties["TableName"]);
        Assert.Equal([ConnectionsTable.ListId + " HASH", ConnectionsTable.ConnectionId + " RANGE"],
            List(properties, "KeySchema").Select(k => $"{k["AttributeName"]} {k["KeyType"]}"));
        Assert.Equal(new Dictionary<string, object?> { ["AttributeName"] = ConnectionsTable.ExpiresAt, ["Enabled"] = "true" }, Map(properties, "TimeToLiveSpecification"));
    }

    [Fact]
    public void The_notifier_reads_both_read_tables_streams_from_their_tip_in_small_batches_and_gives_up_soon()
    {
        var events = Map(Properties("NotifyChangesFunction"), "Events").Values.Cast<Dictionary<string, object?>>().ToList();
        Assert.All(events, e => Assert.Equal("DynamoDB", e["Type"]));
        var mappings = events.Select(e => Map(e, "Properties")).ToList();
        int Number(Dictionary<string, object?> mapping, string key) => int.Parse((string)mapping[key]!, CultureInfo.InvariantCulture);

        Assert.Equal([GetAtt("TodosGreenTable", "StreamArn"), GetAtt("TodosTable", "StreamArn")], mappings.Select(m => (Intrinsic)m["Stream"]!).OrderBy(s => s.ToString()));
        Assert.All(mappings, m =>
        {
            Assert.Equal("LATEST", m["StartingPosition"]);
            Assert.InRange(Number(m, "BatchSize"), 1, 100);
            Assert.Equal(0, Number(m, "MaximumBatchingWindowInSeconds"));
            Assert.InRange(Number(m, "MaximumRetryAttempts"), 0, 3);
            Assert.InRange(Number(m, "MaximumRecordAgeInSeconds"), 60, 300);
            // A push is best effort: nothing is parked, the feed is the truth.
            Assert.False(m.ContainsKey("DestinationConfig"));
        });
        Assert.Equal("Todo.Projections/", Properties("NotifyChangesFunction")["CodeUri"]);
        Assert.Equal("notify-changes", Properties("NotifyChangesFunction")["Handler"]);
        // The projection's own mapping stays its only one, on the events table.
        Assert.Single(Map(Properties("ProjectTodosFunction"), "Events").Values);
    }

    [Fact]
    public void The_notifier_posts_to_this_stages_connections_only_at_the_management_URL_it_is_given()
    {
        var statements = Statements("NotifyChangesFunction").ToList();
        var manage = Assert.Single(statements, s => Values(s, "Action").Contains("execute-api:ManageConnections"));
        Assert.Equal(["execute-api:ManageConnections"], Values(manage, "Action"));
        Assert.Equal([Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${LiveApi}/prod/POST/@connections/*")], Values(manage, "Resource"));
        Assert.Contains(statements, s => Values(s, "Action").Contains("logs:PutLogEvents") && Values(s, "Resource").Contains(GetAtt("NotifyChangesLogs", "Arn")));

        var variables = Map(Map(Properties("NotifyChangesFunction"), "Environment"), "Variables");
        Assert.Equal(Sub("https://${LiveApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod"), variables["LIVE_CONNECTIONS_URL"]);
    }

    [Fact]
    public void The_app_finds_the_live_URL_in_the_outputs_and_its_CSP_lets_it_connect_there()
    {
        var outputs = Map(Raw, "Outputs");
        Assert.Equal(Sub("wss://${LiveApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod"), Map(outputs, "LiveUrl")["Value"]);
        Assert.Equal(Ref("ConnectionsTable"), Map(outputs, "ConnectionsTableName")["Value"]);

        var csp = (string)Assert.IsType<Intrinsic>(Map(Map(Map(Properties("WebSecurityHeaders"), "ResponseHeadersPolicyConfig"), "SecurityHeadersConfig"), "ContentSecurityPolicy")["ContentSecurityPolicy"]).Argument!;
        Assert.Contains(" wss://${LiveApi}.execute-api.${AWS::Region}.${AWS::URLSuffix};", csp.Split("connect-src", 2)[1].Split(';')[0] + ";");
    }
}
