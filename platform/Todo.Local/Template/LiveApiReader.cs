using System.Text.RegularExpressions;
using static Todo.Local.Template.TemplateLoader;

namespace Todo.Local.Template;

/// <summary>
/// Reads the template's WebSocket API from its <c>AWS::ApiGatewayV2::*</c> resources, refusing what API Gateway or
/// CloudFormation would refuse, or what would only fail once deployed (a function API Gateway may not invoke).
/// </summary>
public static partial class LiveApiReader
{
    [GeneratedRegex(@":lambda:path/2015-03-31/functions/([A-Za-z0-9]+)\.Arn/invocations$")]
    private static partial Regex FunctionUri { get; }

    [GeneratedRegex(@"^\$request\.body\.([A-Za-z0-9_]+)$")]
    private static partial Regex BodySelection { get; }

    [GeneratedRegex(@"^route\.request\.header\.([A-Za-z0-9-]+)$")]
    private static partial Regex HeaderIdentity { get; }

    /// <returns>The one WebSocket API; null when the template has none.</returns>
    public static LiveApiDefinition? Read(Dictionary<string, Dictionary<string, object?>> resources)
    {
        var apis = Of(resources, "AWS::ApiGatewayV2::Api").ToList();
        if (apis.Count == 0)
            return null;
        if (apis.Count > 1)
            throw new TemplateException("The local host serves one AWS::ApiGatewayV2::Api; the template has several.");
        var (apiId, api) = apis[0];
        if (Text(api, "ProtocolType") != "WEBSOCKET")
            throw new TemplateException($"{apiId}: the local host serves a WebSocket API (ProtocolType WEBSOCKET), not {Text(api, "ProtocolType")}.");
        var selection = BodySelection.Match(Text(api, "RouteSelectionExpression") ?? "");
        if (!selection.Success)
            throw new TemplateException($"{apiId}: RouteSelectionExpression must be $request.body.<field>.");
        var stages = Of(resources, "AWS::ApiGatewayV2::Stage").Where(s => Text(s.Properties, "ApiId") == apiId).ToList();
        if (stages is not [var (stageId, stage)])
            throw new TemplateException($"{apiId}: a WebSocket API serves nothing without one AWS::ApiGatewayV2::Stage.");
        if (Text(stage, "AutoDeploy") is not ("true" or "True"))
            throw new TemplateException($"{stageId}: without AutoDeploy the stage would keep serving its first deployment.");

        var permitted = Of(resources, "AWS::Lambda::Permission")
            .Where(p => Text(p.Properties, "Principal") == "apigateway.amazonaws.com" && Text(p.Properties, "Action") == "lambda:InvokeFunction"
                && Text(p.Properties, "SourceArn")?.Contains($":{apiId}/", StringComparison.Ordinal) == true)
            .Select(p => Text(p.Properties, "FunctionName")).ToHashSet();
        string Function(string owner, string? uri)
        {
            var match = FunctionUri.Match(uri ?? "");
            if (!match.Success || !resources.TryGetValue(match.Groups[1].Value, out var function) || Text(function, "Type") != "AWS::Serverless::Function")
                throw new TemplateException($"{owner}: the URI must name a function of the template (…/functions/${{<Function>.Arn}}/invocations).");
            var id = match.Groups[1].Value;
            // API Gateway could not invoke it: every connection would get a 500.
            if (!permitted.Contains(id))
                throw new TemplateException($"{owner}: no AWS::Lambda::Permission lets apigateway.amazonaws.com invoke {id} for {apiId}.");
            return id;
        }

        LiveAuthorizerDefinition? authorizer = null;
        var authorizers = Of(resources, "AWS::ApiGatewayV2::Authorizer").Where(a => Text(a.Properties, "ApiId") == apiId).ToList();
        foreach (var (id, properties) in authorizers)
        {
            if (Text(properties, "AuthorizerType") != "REQUEST")
                throw new TemplateException($"{id}: a WebSocket API's authorizer is of type REQUEST.");
            var sources = properties.GetValueOrDefault("IdentitySource") as List<object?> ?? [];
            if (sources is not [string source] || HeaderIdentity.Match(source) is not { Success: true } header)
                throw new TemplateException($"{id}: the local host takes one IdentitySource, route.request.header.<Name>.");
            authorizer = new LiveAuthorizerDefinition(id, Function(id, Text(properties, "AuthorizerUri")), header.Groups[1].Value);
        }

        var integrations = Of(resources, "AWS::ApiGatewayV2::Integration").Where(i => Text(i.Properties, "ApiId") == apiId).ToDictionary(i => i.Id, i => i.Properties);
        var routes = new Dictionary<string, LiveRoute>();
        foreach (var (id, properties) in Of(resources, "AWS::ApiGatewayV2::Route").Where(r => Text(r.Properties, "ApiId") == apiId))
        {
            var key = Text(properties, "RouteKey") ?? throw new TemplateException($"{id}: RouteKey is required.");
            var authorization = Text(properties, "AuthorizationType") ?? "NONE";
            if (authorization is not ("NONE" or "CUSTOM"))
                throw new TemplateException($"{id}: the local host runs AuthorizationType NONE or CUSTOM, not {authorization}.");
            var authorized = authorization == "CUSTOM";
            if (authorized && key != "$connect")
                throw new TemplateException($"{id}: a WebSocket API authorizes $connect only.");
            if (authorized && (authorizer is null || Text(properties, "AuthorizerId") != authorizer.LogicalId))
                throw new TemplateException($"{id}: AuthorizationType CUSTOM needs the AuthorizerId of the API's authorizer.");
            var target = Text(properties, "Target") ?? throw new TemplateException($"{id}: a route without a Target integrates nothing.");
            if (!target.StartsWith("integrations/", StringComparison.Ordinal) || !integrations.TryGetValue(target["integrations/".Length..], out var integration))
                throw new TemplateException($"{id}: Target must be integrations/<an AWS::ApiGatewayV2::Integration of the API>.");
            var integrationId = target["integrations/".Length..];
            var twoWay = Of(resources, "AWS::ApiGatewayV2::RouteResponse").Any(r => Text(r.Properties, "RouteId") == id);
            routes[key] = Text(integration, "IntegrationType") switch
            {
                "AWS_PROXY" => new LiveRoute(key, Function(integrationId, Text(integration, "IntegrationUri")), null, twoWay, authorized),
                "MOCK" => new LiveRoute(key, null, twoWay ? MockReply(integrationId, resources) : null, twoWay, authorized),
                var other => throw new TemplateException($"{integrationId}: the local host runs AWS_PROXY and MOCK integrations, not {other}."),
            };
        }
        if (!routes.ContainsKey("$connect") && authorizer is not null)
            throw new TemplateException($"{apiId}: the authorizer {authorizer.LogicalId} guards no $connect route.");
        return new LiveApiDefinition(apiId, Text(stage, "StageName") ?? throw new TemplateException($"{stageId}: StageName is required."),
            selection.Groups[1].Value, routes, authorizer);
    }

    /// <summary>A MOCK integration's <c>$default</c> response template, which must be literal text: the local host evaluates no VTL.</summary>
    private static string MockReply(string integrationId, Dictionary<string, Dictionary<string, object?>> resources)
    {
        var response = Of(resources, "AWS::ApiGatewayV2::IntegrationResponse").Where(r => Text(r.Properties, "IntegrationId") == integrationId).Select(r => r.Properties).SingleOrDefault()
            ?? throw new TemplateException($"{integrationId}: a MOCK integration whose route answers needs one AWS::ApiGatewayV2::IntegrationResponse.");
        var reply = Text(Dict(response, "ResponseTemplates"), "$default")
            ?? throw new TemplateException($"{integrationId}: the integration response needs a $default response template.");
        return reply.Contains('$', StringComparison.Ordinal) || reply.Contains('#', StringComparison.Ordinal)
            ? throw new TemplateException($"{integrationId}: the local host sends a response template as written; this one uses VTL.")
            : reply;
    }

    private static IEnumerable<(string Id, Dictionary<string, object?> Properties)> Of(Dictionary<string, Dictionary<string, object?>> resources, string type) =>
        resources.Where(r => Text(r.Value, "Type") == type).Select(r => (r.Key, Dict(r.Value, "Properties") ?? []));
}
