using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Local.Waf;
using YamlDotNet.RepresentationModel;

namespace Todo.Local.Template;

/// <summary>
/// Reads template.yaml as SAM local does: tables, functions (with Globals), routes, environment, stream
/// mappings and the API's Cognito authorizer with its user pool, leaving out the resources whose
/// Condition does not hold for the parameters given.
/// </summary>
public static class TemplateLoader
{
    public static SamTemplate Load(string path, string stackName, IReadOnlyDictionary<string, string> parameterOverrides)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
            yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;

        var resourceNodes = Map(root, "Resources") ?? throw new TemplateException("The template has no Resources.");
        var pseudo = new Dictionary<string, string>
        {
            ["AWS::StackName"] = stackName,
            ["AWS::StackId"] = LocalAws.StackId(stackName),
            ["AWS::Region"] = LocalAws.Region,
            ["AWS::AccountId"] = LocalAws.AccountId,
            ["AWS::Partition"] = "aws",
            ["AWS::URLSuffix"] = "amazonaws.com",
        };
        var parameters = Parameters(root, parameterOverrides);

        // A table's Ref is its name, which may itself use !Sub: resolve names first, then everything else.
        var names = new Dictionary<string, string>();
        foreach (var (id, _) in Entries(resourceNodes))
            names[id] = id;
        var conditions = Map(root, "Conditions") is { } c ? Entries(c).ToDictionary(e => e.Id, e => e.Node) : [];
        var nameResolver = new IntrinsicResolver(parameters, names, pseudo, conditions);
        foreach (var (id, node) in Entries(resourceNodes))
        {
            if (Map(node, "Properties") is { } properties && Child(properties, "TableName") is { } tableName)
                names[id] = (string)nameResolver.Resolve(tableName)!;
        }
        var resolver = new IntrinsicResolver(parameters, names, pseudo, conditions);

        var resources = Entries(resourceNodes)
            .Select(e => (e.Id, Resource: (Dictionary<string, object?>)resolver.Resolve(e.Node)!))
            .Where(r => Text(r.Resource, "Condition") is not { } condition || resolver.IsTrue(condition))
            .ToDictionary(r => r.Id, r => r.Resource);
        var globals = Map(root, "Globals") is { } g ? (Dictionary<string, object?>)resolver.Resolve(g)! : [];
        var functionGlobals = Dict(globals, "Function") ?? [];
        var (apiId, api) = resources.Where(r => Type(r.Value) == "AWS::Serverless::Api").Select(r => (r.Key, Dict(r.Value, "Properties"))).FirstOrDefault();
        var authorizer = Authorizer(api, resources);

        return new SamTemplate(
            resources.Where(r => Type(r.Value) == "AWS::DynamoDB::Table").Select(r => Table(r.Key, r.Value)).ToList(),
            resources.Where(r => Type(r.Value) == "AWS::Serverless::Function").Select(r => Function(r.Key, r.Value, functionGlobals, authorizer is not null)).ToList(),
            Dict(api, "Cors") is { } cors ? Cors(cors) : null,
            authorizer,
            SecurityHeaders(resources),
            apiId is null ? null : Firewall(apiId, resources),
            ApiOriginHeaders(resources),
            parameters,
            LiveApiReader.Read(resources));
    }

    /// <summary>The web ACL an <c>AWS::WAFv2::WebACLAssociation</c> puts on the API's stage; null without one.</summary>
    private static WebAcl? Firewall(string apiId, Dictionary<string, Dictionary<string, object?>> resources)
    {
        var stageArn = $"/restapis/{apiId}/stages/";
        var aclId = resources.Values.Where(r => Type(r) == "AWS::WAFv2::WebACLAssociation")
            .Select(r => Dict(r, "Properties"))
            .Where(p => Text(p, "ResourceArn")?.Contains(stageArn, StringComparison.Ordinal) == true)
            .Select(p => p!.GetValueOrDefault("WebACLArn") is GetAtt { Attribute: "Arn" } arn ? arn.Resource : throw new TemplateException("A WebACLAssociation must name its web ACL as !GetAtt <WebACL>.Arn."))
            .FirstOrDefault();
        if (aclId is null)
            return null;
        var properties = resources.TryGetValue(aclId, out var acl) && Type(acl) == "AWS::WAFv2::WebACL" ? Dict(acl, "Properties") : null;
        if (properties is null || Text(properties, "Scope") != "REGIONAL")
            throw new TemplateException($"{aclId}: a web ACL on an API stage is an AWS::WAFv2::WebACL of Scope REGIONAL.");
        return WebAclReader.Read(aclId, properties);
    }

    /// <summary>
    /// The headers CloudFront adds to every request it sends to the origin of its <c>/api/*</c> behaviour (the origin's
    /// <c>OriginCustomHeaders</c>); none without a distribution.
    /// </summary>
    private static Dictionary<string, string> ApiOriginHeaders(Dictionary<string, Dictionary<string, object?>> resources)
    {
        var config = resources.Values.Where(r => Type(r) == "AWS::CloudFront::Distribution").Select(r => Dict(Dict(r, "Properties"), "DistributionConfig")).FirstOrDefault();
        if (config is null || List(config, "CacheBehaviors").FirstOrDefault(b => Text(b, "PathPattern") == "/api/*") is not { } behaviour)
            return [];
        var origin = List(config, "Origins").FirstOrDefault(o => Text(o, "Id") == Text(behaviour, "TargetOriginId"))
            ?? throw new TemplateException("The /api/* behaviour's TargetOriginId names no origin of the distribution.");
        return List(origin, "OriginCustomHeaders").ToDictionary(h => Text(h, "HeaderName") ?? "", h => Text(h, "HeaderValue") ?? "");
    }

    /// <summary>The headers the template's CloudFront response headers policy adds to every answer (its SecurityHeadersConfig).</summary>
    private static Dictionary<string, string> SecurityHeaders(Dictionary<string, Dictionary<string, object?>> resources)
    {
        var headers = new Dictionary<string, string>();
        var config = resources.Values.Where(r => Type(r) == "AWS::CloudFront::ResponseHeadersPolicy")
            .Select(r => Dict(Dict(Dict(r, "Properties"), "ResponseHeadersPolicyConfig"), "SecurityHeadersConfig")).FirstOrDefault();
        static bool On(Dictionary<string, object?> setting, string key) => string.Equals(Text(setting, key), "true", StringComparison.OrdinalIgnoreCase);
        if (Dict(config, "StrictTransportSecurity") is { } hsts)
            headers["Strict-Transport-Security"] = $"max-age={Text(hsts, "AccessControlMaxAgeSec")}{(On(hsts, "IncludeSubdomains") ? "; includeSubDomains" : "")}{(On(hsts, "Preload") ? "; preload" : "")}";
        if (Dict(config, "ContentTypeOptions") is not null)
            headers["X-Content-Type-Options"] = "nosniff";
        if (Text(Dict(config, "FrameOptions"), "FrameOption") is { } frame)
            headers["X-Frame-Options"] = frame;
        if (Text(Dict(config, "ReferrerPolicy"), "ReferrerPolicy") is { } referrer)
            headers["Referrer-Policy"] = referrer;
        if (Dict(config, "XSSProtection") is { } xss)
            headers["X-XSS-Protection"] = On(xss, "Protection") ? (On(xss, "ModeBlock") ? "1; mode=block" : "1") : "0";
        if (Text(Dict(config, "ContentSecurityPolicy"), "ContentSecurityPolicy") is { } csp)
            headers["Content-Security-Policy"] = csp;
        return headers;
    }

    /// <summary>The API's default authorizer, which must be a Cognito user pool's of this template; null without one.</summary>
    private static CognitoAuthorizerDefinition? Authorizer(Dictionary<string, object?>? api, Dictionary<string, Dictionary<string, object?>> resources)
    {
        var auth = Dict(api, "Auth");
        if (Text(auth, "DefaultAuthorizer") is not { } name || name == "NONE")
            return null;
        var definition = Dict(Dict(auth, "Authorizers"), name) ?? throw new TemplateException($"The API's DefaultAuthorizer {name} is not one of its Authorizers.");
        var pool = definition.GetValueOrDefault("UserPoolArn") is GetAtt { Attribute: "Arn" } arn && resources.TryGetValue(arn.Resource, out var p) && Type(p) == "AWS::Cognito::UserPool"
            ? new CognitoResource(arn.Resource, Dict(p, "Properties") ?? [])
            : throw new TemplateException($"The authorizer {name} must name a user pool of the template as !GetAtt <UserPool>.Arn; the local host runs no other.");
        var client = resources.Where(r => Type(r.Value) == "AWS::Cognito::UserPoolClient" && Text(Dict(r.Value, "Properties"), "UserPoolId") == pool.LogicalId)
            .Select(r => new CognitoResource(r.Key, Dict(r.Value, "Properties") ?? [])).FirstOrDefault()
            ?? throw new TemplateException($"The user pool {pool.LogicalId} has no AWS::Cognito::UserPoolClient.");
        var headers = Dict(Dict(Dict(Dict(api, "GatewayResponses"), "UNAUTHORIZED"), "ResponseParameters"), "Headers") ?? [];
        return new CognitoAuthorizerDefinition(
            Text(Dict(definition, "Identity"), "Header") ?? "Authorization",
            pool,
            client,
            headers.ToDictionary(h => h.Key, h => Unquote(h.Value?.ToString()) ?? ""),
            Text(Dict(definition, "Identity"), "ValidationExpression"));
    }

    /// <summary>Each parameter's value, given or default, checked as CloudFormation checks it before it creates anything.</summary>
    private static Dictionary<string, string> Parameters(YamlMappingNode root, IReadOnlyDictionary<string, string> overrides)
    {
        var values = new Dictionary<string, string>();
        foreach (var (name, node) in Map(root, "Parameters") is { } p ? Entries(p) : [])
        {
            var declaration = (YamlMappingNode)node;
            var value = overrides.GetValueOrDefault(name)
                ?? Scalar(declaration, "Default")
                ?? throw new TemplateException($"Parameter {name} has no default and no value was given.");
            if (Refusal(declaration, value) is { } reason)
                throw new TemplateException($"Parameter {name}: '{value}' {reason}, which CloudFormation refuses.");
            values[name] = value;
        }
        if (overrides.Keys.Except(values.Keys).FirstOrDefault() is { } unknown)
            throw new TemplateException($"Parameter {unknown} is not a parameter of the template.");
        return values;
    }

    /// <summary>Why a value breaks its parameter's constraints (those the template uses), or null when it keeps them.</summary>
    private static string? Refusal(YamlMappingNode declaration, string value)
    {
        if (Child(declaration, "AllowedValues") is YamlSequenceNode allowed && !allowed.Children.Any(a => (a as YamlScalarNode)?.Value == value))
            return "is not one of its AllowedValues";
        // CloudFormation matches the pattern against the whole value.
        if (Scalar(declaration, "AllowedPattern") is { } pattern && !Regex.IsMatch(value, $"^(?:{pattern})$"))
            return $"does not match its AllowedPattern {pattern}";
        if (Scalar(declaration, "Type") != "Number")
            return null;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return "is not a Number";
        if (Scalar(declaration, "MinValue") is { } min && number < double.Parse(min, CultureInfo.InvariantCulture))
            return $"is below its MinValue {min}";
        if (Scalar(declaration, "MaxValue") is { } max && number > double.Parse(max, CultureInfo.InvariantCulture))
            return $"is above its MaxValue {max}";
        return null;
    }

    private static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static TableDefinition Table(string id, Dictionary<string, object?> resource)
    {
        var properties = Dict(resource, "Properties") ?? throw new TemplateException($"{id} has no Properties.");
        var request = new CreateTableRequest
        {
            TableName = Text(properties, "TableName") ?? id,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = List(properties, "AttributeDefinitions")
                .Select(a => new AttributeDefinition(Text(a, "AttributeName"), Text(a, "AttributeType"))).ToList(),
            KeySchema = Keys(properties),
        };
        var local = List(properties, "LocalSecondaryIndexes").Select(i => new LocalSecondaryIndex
        {
            IndexName = Text(i, "IndexName"),
            KeySchema = Keys(i),
            Projection = Projection(i),
        }).ToList();
        if (local.Count > 0)
            request.LocalSecondaryIndexes = local;
        var global = List(properties, "GlobalSecondaryIndexes").Select(i => new GlobalSecondaryIndex
        {
            IndexName = Text(i, "IndexName"),
            KeySchema = Keys(i),
            Projection = Projection(i),
        }).ToList();
        if (global.Count > 0)
            request.GlobalSecondaryIndexes = global;
        // DynamoDB Local keeps and checks the ceiling, but does not throttle by it.
        if (Dict(properties, "OnDemandThroughput") is { } ceiling)
            request.OnDemandThroughput = new OnDemandThroughput
            {
                MaxReadRequestUnits = Number(ceiling, "MaxReadRequestUnits"),
                MaxWriteRequestUnits = Number(ceiling, "MaxWriteRequestUnits"),
            };
        if (Dict(properties, "StreamSpecification") is { } stream)
            request.StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = Text(stream, "StreamViewType") };
        var ttl = Dict(properties, "TimeToLiveSpecification") is { } spec && Text(spec, "Enabled") is "true" or "True" ? Text(spec, "AttributeName") : null;
        return new TableDefinition(id, request, ttl);
    }

    private static List<KeySchemaElement> Keys(Dictionary<string, object?> owner) =>
        List(owner, "KeySchema").Select(k => new KeySchemaElement(Text(k, "AttributeName"), Text(k, "KeyType"))).ToList();

    private static Projection Projection(Dictionary<string, object?> index) =>
        new() { ProjectionType = Text(Dict(index, "Projection"), "ProjectionType") ?? "ALL" };

    private static FunctionDefinition Function(string id, Dictionary<string, object?> resource, Dictionary<string, object?> globals, bool authorized)
    {
        var properties = Dict(resource, "Properties") ?? throw new TemplateException($"{id} has no Properties.");
        var environment = new Dictionary<string, string>();
        foreach (var source in new[] { globals, properties })
        {
            foreach (var (name, value) in Dict(Dict(source, "Environment"), "Variables") ?? [])
                environment[name] = value?.ToString() ?? "";
        }
        var routes = new List<ApiRoute>();
        var streams = new List<StreamMapping>();
        foreach (var (name, value) in Dict(properties, "Events") ?? [])
        {
            var @event = (Dictionary<string, object?>)value!;
            var eventProperties = Dict(@event, "Properties") ?? throw new TemplateException($"{id} event {name} has no Properties.");
            switch (Text(@event, "Type"))
            {
                case "Api":
                    var optsOut = Text(Dict(eventProperties, "Auth"), "Authorizer") == "NONE";
                    // As SAM's translator, and so CloudFormation, refuses it.
                    if (optsOut && !authorized)
                        throw new TemplateException($"{id} event {name} sets Authorizer NONE, which SAM takes only when the API has a DefaultAuthorizer.");
                    routes.Add(new ApiRoute(Required(eventProperties, "Path", id), Required(eventProperties, "Method", id).ToUpperInvariant(), authorized && !optsOut));
                    break;
                case "DynamoDB":
                    streams.Add(Stream(id, eventProperties));
                    break;
                default:
                    throw new TemplateException($"{id} event {name} has a type the local host does not run.");
            }
        }
        return new FunctionDefinition(
            id,
            Text(properties, "CodeUri") ?? Text(globals, "CodeUri") ?? throw new TemplateException($"{id} has no CodeUri."),
            Text(properties, "Handler") ?? Text(globals, "Handler") ?? throw new TemplateException($"{id} has no Handler."),
            environment, routes, streams,
            Number(properties, "MemorySize") ?? Number(globals, "MemorySize") ?? 128,
            Text(Dict(properties, "LoggingConfig"), "ApplicationLogLevel") ?? Text(Dict(globals, "LoggingConfig"), "ApplicationLogLevel"),
            ReservedConcurrency(id, Text(properties, "ReservedConcurrentExecutions") ?? Text(globals, "ReservedConcurrentExecutions")));
    }

    /// <summary>Lambda takes a whole number of 0 or more (0 stops every invocation), and refuses anything else.</summary>
    private static int? ReservedConcurrency(string id, string? text) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var reserved) ? reserved
        : throw new TemplateException($"{id}: ReservedConcurrentExecutions '{text}' is not a whole number of 0 or more, which Lambda refuses.");

    private static StreamMapping Stream(string id, Dictionary<string, object?> properties)
    {
        var stream = properties.GetValueOrDefault("Stream") as GetAtt is { Attribute: "StreamArn" } getAtt
            ? getAtt
            : throw new TemplateException($"{id}: the DynamoDB event's Stream must be !GetAtt <Table>.StreamArn.");
        var responseTypes = properties.GetValueOrDefault("FunctionResponseTypes") as List<object?> ?? [];
        return new StreamMapping(
            stream.Resource,
            Required(properties, "StartingPosition", id),
            Number(properties, "BatchSize") ?? 100,
            responseTypes.Contains("ReportBatchItemFailures"),
            Number(properties, "MaximumRetryAttempts") ?? -1);
    }

    private static CorsConfiguration Cors(Dictionary<string, object?> cors) =>
        new(Unquote(Text(cors, "AllowOrigin")) ?? "*", Unquote(Text(cors, "AllowMethods")) ?? "*", Unquote(Text(cors, "AllowHeaders")) ?? "*", Unquote(Text(cors, "MaxAge")));

    /// <summary>SAM's Cors values are header values in single quotes.</summary>
    private static string? Unquote(string? value) => value?.Trim('\'');

    private static string? Type(Dictionary<string, object?> resource) => Text(resource, "Type");

    private static string Required(Dictionary<string, object?> owner, string key, string id) =>
        Text(owner, key) ?? throw new TemplateException($"{id}: {key} is required.");

    internal static string? Text(Dictionary<string, object?>? owner, string key) => owner?.GetValueOrDefault(key)?.ToString();

    internal static int? Number(Dictionary<string, object?> owner, string key) =>
        Text(owner, key) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;

    internal static Dictionary<string, object?>? Dict(Dictionary<string, object?>? owner, string key) =>
        owner?.GetValueOrDefault(key) as Dictionary<string, object?>;

    internal static IEnumerable<Dictionary<string, object?>> List(Dictionary<string, object?> owner, string key) =>
        (owner.GetValueOrDefault(key) as List<object?> ?? []).Cast<Dictionary<string, object?>>();

    private static YamlMappingNode? Map(YamlNode node, string key) => Child((YamlMappingNode)node, key) as YamlMappingNode;

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static IEnumerable<(string Id, YamlNode Node)> Entries(YamlMappingNode map) =>
        map.Children.Select(p => (((YamlScalarNode)p.Key).Value!, p.Value));
}
