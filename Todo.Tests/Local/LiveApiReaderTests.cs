using Todo.Local.Template;

namespace Todo.Tests.Local;

/// <summary>
/// The local host reads a WebSocket API from its AWS::ApiGatewayV2 resources, and refuses at start what API Gateway or
/// CloudFormation would refuse, or what would only fail once deployed, never serving it some other way.
/// </summary>
public sealed class LiveApiReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("todo-live-template-tests-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A WebSocket API with an authorized $connect, $disconnect and a MOCK ping, each piece replaceable by a test.</summary>
    private static string Template(string? api = null, string? stage = null, string? authorizer = null, string? connect = null,
        string? connectIntegration = null, string? permission = null, string? pingReply = null) => $$"""
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties: { CodeUri: Todo.Queries/, Handler: connect-live }
          Api:
            Type: AWS::ApiGatewayV2::Api
            Properties: {{api ?? "{ ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action }"}}
          Stage:
            Type: AWS::ApiGatewayV2::Stage
            Properties: {{stage ?? "{ ApiId: !Ref Api, StageName: prod, AutoDeploy: true }"}}
          Auth:
            Type: AWS::ApiGatewayV2::Authorizer
            Properties: {{authorizer ?? "{ ApiId: !Ref Api, Name: a, AuthorizerType: REQUEST, AuthorizerUri: !Sub 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations', IdentitySource: [route.request.header.Sec-WebSocket-Protocol] }"}}
          Connect:
            Type: AWS::ApiGatewayV2::Route
            Properties: {{connect ?? "{ ApiId: !Ref Api, RouteKey: $connect, AuthorizationType: CUSTOM, AuthorizerId: !Ref Auth, Target: !Sub 'integrations/${ConnectIntegration}' }"}}
          ConnectIntegration:
            Type: AWS::ApiGatewayV2::Integration
            Properties: {{connectIntegration ?? "{ ApiId: !Ref Api, IntegrationType: AWS_PROXY, IntegrationUri: !Sub 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations' }"}}
          Ping:
            Type: AWS::ApiGatewayV2::Route
            Properties: { ApiId: !Ref Api, RouteKey: ping, RouteResponseSelectionExpression: $default, Target: !Sub 'integrations/${PingIntegration}' }
          PingIntegration:
            Type: AWS::ApiGatewayV2::Integration
            Properties: { ApiId: !Ref Api, IntegrationType: MOCK, RequestTemplates: { $default: '{"statusCode": 200}' } }
          PingResponse:
            Type: AWS::ApiGatewayV2::IntegrationResponse
            Properties: { ApiId: !Ref Api, IntegrationId: !Ref PingIntegration, IntegrationResponseKey: $default, ResponseTemplates: { $default: '{{pingReply ?? """{"type":"pong"}"""}}' } }
          PingRouteResponse:
            Type: AWS::ApiGatewayV2::RouteResponse
            Properties: { ApiId: !Ref Api, RouteId: !Ref Ping, RouteResponseKey: $default }
          Permission:
            Type: AWS::Lambda::Permission
            Properties: {{permission ?? "{ Action: lambda:InvokeFunction, FunctionName: !Ref Fn, Principal: apigateway.amazonaws.com, SourceArn: !Sub 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*' }"}}
        """;

    private LiveApiDefinition? Load(string yaml)
    {
        var path = Path.Combine(folder, "template.yaml");
        File.WriteAllText(path, yaml);
        return TemplateLoader.Load(path, "small", new Dictionary<string, string>()).Live;
    }

    [Fact]
    public void A_WebSocket_API_is_read_with_its_routes_authorizer_and_mock_reply()
    {
        var live = Load(Template())!;

        Assert.Equal(("Api", "prod", "action"), (live.LogicalId, live.Stage, live.SelectionField));
        Assert.Equal(new LiveAuthorizerDefinition("Auth", "Fn", "Sec-WebSocket-Protocol"), live.Authorizer);
        Assert.Equal(new LiveRoute("$connect", "Fn", null, false, true), live.Routes["$connect"]);
        Assert.Equal(new LiveRoute("ping", null, """{"type":"pong"}""", true, false), live.Routes["ping"]);
    }

    [Fact]
    public void A_template_without_one_has_none()
    {
        Assert.Null(Load("""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: { CodeUri: Todo.Queries/, Handler: list-todos }
            """));
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        { "an HTTP API", Template(api: "{ ProtocolType: HTTP }"), "ProtocolType WEBSOCKET" },
        { "a header selection", Template(api: "{ ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.header.x }"), "$request.body" },
        { "no auto deploy", Template(stage: "{ ApiId: !Ref Api, StageName: prod }"), "AutoDeploy" },
        { "a TOKEN authorizer", Template(authorizer: "{ ApiId: !Ref Api, Name: a, AuthorizerType: TOKEN, IdentitySource: [route.request.header.X] }"), "REQUEST" },
        { "a query identity", Template(authorizer: "{ ApiId: !Ref Api, Name: a, AuthorizerType: REQUEST, AuthorizerUri: x, IdentitySource: [route.request.querystring.token] }"), "IdentitySource" },
        { "IAM authorization", Template(connect: "{ ApiId: !Ref Api, RouteKey: $connect, AuthorizationType: AWS_IAM, Target: !Sub 'integrations/${ConnectIntegration}' }"), "AuthorizationType" },
        { "CUSTOM without the authorizer", Template(connect: "{ ApiId: !Ref Api, RouteKey: $connect, AuthorizationType: CUSTOM, Target: !Sub 'integrations/${ConnectIntegration}' }"), "AuthorizerId" },
        { "no target", Template(connect: "{ ApiId: !Ref Api, RouteKey: $connect }"), "Target" },
        { "an HTTP integration", Template(connectIntegration: "{ ApiId: !Ref Api, IntegrationType: HTTP_PROXY, IntegrationUri: https://example.com }"), "AWS_PROXY and MOCK" },
        { "a function of no template", Template(connectIntegration: "{ ApiId: !Ref Api, IntegrationType: AWS_PROXY, IntegrationUri: 'arn:aws:lambda:us-east-1:1:function:elsewhere' }"), "function of the template" },
        { "no permission", Template(permission: "{ Action: lambda:InvokeFunction, FunctionName: !Ref Fn, Principal: s3.amazonaws.com }"), "Permission" },
        { "a VTL reply", Template(pingReply: """{"id":"$context.connectionId"}"""), "VTL" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void What_AWS_would_refuse_is_refused_at_start(string why, string yaml, string message)
    {
        var refused = Assert.Throws<TemplateException>(() => Load(yaml));

        Assert.True(refused.Message.Contains(message, StringComparison.Ordinal), $"{why}: {refused.Message}");
    }
}
