using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Todo.Tests.Support;

namespace Todo.Tests.Deployment;

/// <summary>
/// The CloudFormation resource specification as the npm package <c>@aws-cdk/aws-service-spec</c> ships it
/// (tools/cfn-spec): every resource type with its properties, their types, which are required, and its
/// attributes. It also holds SAM's resource types, though from an older SAM schema, so a SAM property it
/// lacks is looked up on the CloudFormation resource SAM turns it into (a function's LoggingConfig on
/// AWS::Lambda::Function, a DynamoDB event's FunctionResponseTypes on AWS::Lambda::EventSourceMapping).
/// </summary>
public sealed class ResourceSpecification
{
    public static string DatabasePath => Path.Combine(Repository.Root, "tools", "cfn-spec", "node_modules", "@aws-cdk", "aws-service-spec", "db.json.gz");

    private static readonly Dictionary<string, string> SamTargets = new()
    {
        ["AWS::Serverless::Function"] = "AWS::Lambda::Function",
        ["AWS::Serverless::Api"] = "AWS::ApiGateway::RestApi",
    };

    private static readonly Dictionary<string, (string Definition, string Target)> SamEvents = new()
    {
        ["DynamoDB"] = ("DynamoDBEvent", "AWS::Lambda::EventSourceMapping"),
        ["Api"] = ("ApiEvent", "AWS::ApiGateway::Method"),
    };

    private readonly Dictionary<string, JsonElement> resources;
    private readonly Dictionary<string, JsonElement> definitions;

    private ResourceSpecification(JsonDocument database)
    {
        var schema = database.RootElement.GetProperty("schema");
        resources = schema.GetProperty("resource").GetProperty("entities").EnumerateArray()
            .ToDictionary(r => r.GetProperty("cloudFormationType").GetString()!);
        definitions = schema.GetProperty("typeDefinition").GetProperty("entities").EnumerateArray()
            .ToDictionary(d => d.GetProperty("$id").GetString()!);
    }

    public static ResourceSpecification Load()
    {
        using var file = File.OpenRead(DatabasePath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return new ResourceSpecification(JsonDocument.Parse(gzip));
    }

    public bool Knows(string type) => resources.ContainsKey(type);

    public IEnumerable<string> Attributes(string type) => resources[type].GetProperty("attributes").EnumerateObject().Select(a => a.Name);

    /// <summary>What is wrong with a resource's properties: unknown names, missing required ones, values of the wrong shape.</summary>
    public List<string> Validate(string id, string type, Dictionary<string, object?> properties)
    {
        var errors = new List<string>();
        var fallback = SamTargets.TryGetValue(type, out var target) ? (JsonElement?)Properties(resources[target]) : null;
        if (type == "AWS::Serverless::Function" && properties.GetValueOrDefault("Events") is Dictionary<string, object?> events)
        {
            // Checked per event type below: as the schema's union of every type, any mistake would only read "not a union".
            foreach (var (name, value) in events)
                CheckEvent($"{id}.Events.{name}", (Dictionary<string, object?>)value!, errors);
            properties = properties.Where(p => p.Key != "Events").ToDictionary();
        }
        CheckObject(id, Properties(resources[type]), fallback, properties, errors);
        return errors;
    }

    private void CheckEvent(string path, Dictionary<string, object?> @event, List<string> errors)
    {
        if (!SamEvents.TryGetValue((string)@event["Type"]!, out var kind))
        {
            errors.Add($"{path}: event type {@event["Type"]} is not one these tests know");
            return;
        }
        // Events is a map of EventSource, whose Properties is a union of one definition per event type.
        var eventSource = Definition(Properties(resources["AWS::Serverless::Function"]).GetProperty("Events").GetProperty("type").GetProperty("element"));
        var definition = eventSource.GetProperty("properties").GetProperty("Properties").GetProperty("type").GetProperty("types").EnumerateArray()
            .Select(Definition).Single(d => d.GetProperty("name").GetString() == kind.Definition);
        CheckObject(path + ".Properties", definition.GetProperty("properties"), Properties(resources[kind.Target]), (Dictionary<string, object?>)@event["Properties"]!, errors);
    }

    private static JsonElement Properties(JsonElement owner) => owner.GetProperty("properties");

    private JsonElement Definition(JsonElement reference) => definitions[reference.GetProperty("reference").GetProperty("$ref").GetString()!];

    private void CheckObject(string path, JsonElement spec, JsonElement? fallback, Dictionary<string, object?> value, List<string> errors)
    {
        foreach (var (name, property) in value)
        {
            if (spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty(name, out var known) || fallback is { } f && f.TryGetProperty(name, out known))
                Check($"{path}.{name}", known.GetProperty("type"), property, errors);
            else
                errors.Add($"{path}.{name}: no such property");
        }
        if (spec.ValueKind != JsonValueKind.Object)
            return;
        foreach (var required in spec.EnumerateObject().Where(p => p.Value.TryGetProperty("required", out var r) && r.GetBoolean()))
        {
            if (!value.ContainsKey(required.Name))
                errors.Add($"{path}.{required.Name}: required, missing");
        }
    }

    private void Check(string path, JsonElement type, object? value, List<string> errors)
    {
        // An intrinsic's value is known only when the stack is created.
        if (value is Intrinsic)
            return;
        var kind = type.GetProperty("type").GetString();
        var ok = (kind, value) switch
        {
            ("string" or "date-time", string) => true,
            ("number", string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            ("integer", string text) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            ("boolean", string text) => text is "true" or "false",
            ("json", _) => true,
            ("tag", Dictionary<string, object?> tag) => tag.ContainsKey("Key") && tag.ContainsKey("Value"),
            ("array", List<object?> items) => CheckAll(path, type.GetProperty("element"), items.Select((item, i) => (i.ToString(CultureInfo.InvariantCulture), item)), errors),
            ("map", Dictionary<string, object?> map) => CheckAll(path, type.GetProperty("element"), map.Select(e => (e.Key, e.Value)), errors),
            ("ref", Dictionary<string, object?> map) => CheckRef(path, type, map, errors),
            ("union", _) => type.GetProperty("types").EnumerateArray().Any(member =>
            {
                var trial = new List<string>();
                Check(path, member, value, trial);
                return trial.Count == 0;
            }),
            _ => false,
        };
        if (!ok)
            errors.Add($"{path}: {Describe(value)} is not a {kind}");
    }

    private bool CheckAll(string path, JsonElement element, IEnumerable<(string Key, object? Value)> items, List<string> errors)
    {
        foreach (var (key, item) in items)
            Check($"{path}[{key}]", element, item, errors);
        return true;
    }

    private bool CheckRef(string path, JsonElement type, Dictionary<string, object?> value, List<string> errors)
    {
        var definition = Definition(type);
        CheckObject(path, definition.TryGetProperty("properties", out var p) ? p : default, null, value, errors);
        return true;
    }

    private static string Describe(object? value) => value switch
    {
        string text => $"'{text}'",
        List<object?> => "a list",
        Dictionary<string, object?> => "a map",
        _ => "nothing",
    };
}
