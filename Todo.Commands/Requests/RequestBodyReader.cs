using System.Text;
using System.Text.Json;
using Todo.Domain;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Commands.Requests;

/// <summary>
/// Reads a command's JSON body into <see cref="TodoFields"/>, naming every field that is wrong, so
/// that bad input gets a 400 that says why and never reaches the domain. Unknown fields are rejected
/// rather than ignored: a misspelt field would otherwise be a silent no-op. The only fields ignored
/// are the ones a route names as ignored (any value, but still once at most, and within the size and
/// depth limits like the rest of the body).
/// </summary>
public static class RequestBodyReader
{
    /// <summary>Far above the longest valid body (1,000 characters, each escaped as a surrogate pair).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public const string TextField = "text";
    public const string CompletedField = "completed";

    /// <summary>The item's read-only fields: what a client PUTs back when it sends the object GET gave it.</summary>
    public const string IdField = "id";
    public const string CreatedAtField = "createdAt";

    private const int MaxDepth = 8;

    /// <summary>Of the unknown or repeated fields, an answer names this many, each at most <see cref="MaxNameLength"/> characters.</summary>
    public const int MaxNamedFields = 10;
    public const int MaxNameLength = 64;

    /// <summary>Where an answer counts the unknown or repeated fields it does not name.</summary>
    public const string MoreFields = "…";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly HashSet<string> NoFields = [];

    /// <summary>The fields, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static TodoFields? Read(APIGatewayProxyRequest request, IReadOnlySet<string> allowed, out BodyProblem? problem) =>
        Read(request, allowed, NoFields, out problem);

    /// <param name="ignored">Fields accepted with any value and otherwise not read.</param>
    public static TodoFields? Read(APIGatewayProxyRequest request, IReadOnlySet<string> allowed, IReadOnlySet<string> ignored, out BodyProblem? problem)
    {
        problem = null;
        var bytes = Bytes(request, ref problem);
        if (bytes is null)
            return null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException)
        {
            problem = BodyProblem.OfBody("Request body is not valid JSON", "is not valid JSON");
            return null;
        }
        using (document)
        {
            try
            {
                return Fields(document.RootElement, allowed, ignored, out problem);
            }
            catch (InvalidOperationException)
            {
                // A field name escaping a lone surrogate ("\ud800") parses, but cannot be read as a string.
                problem = BodyProblem.OfBody("Request body is not valid JSON", "is not valid JSON");
                return null;
            }
        }
    }

    private static byte[]? Bytes(APIGatewayProxyRequest request, ref BodyProblem? problem)
    {
        if (string.IsNullOrEmpty(request.Body))
        {
            problem = BodyProblem.OfBody("Request body is required", "is required");
            return null;
        }
        try
        {
            var bytes = request.IsBase64Encoded ? Convert.FromBase64String(request.Body) : StrictUtf8.GetBytes(request.Body);
            if (bytes.Length > MaxBodyBytes)
            {
                problem = BodyProblem.OfBody($"Request body is larger than {MaxBodyBytes} bytes", $"must be at most {MaxBodyBytes} bytes");
                return null;
            }
            StrictUtf8.GetCharCount(bytes);
            return bytes;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            problem = BodyProblem.OfBody("Request body is not valid UTF-8 text", "must be UTF-8 text");
            return null;
        }
    }

    private static TodoFields? Fields(JsonElement root, IReadOnlySet<string> allowed, IReadOnlySet<string> ignored, out BodyProblem? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = BodyProblem.OfBody("Request body must be a JSON object", "must be a JSON object");
            return null;
        }
        var errors = new Dictionary<string, string>();
        TodoText? text = null;
        bool? completed = null;
        var seen = new HashSet<string>();
        var unnamed = 0;
        // The names are the client's: the answer and the log line name a few, shortened, whatever the body holds.
        void Refuse(string name, string why)
        {
            if (errors.Count < MaxNamedFields)
                errors[name.Length <= MaxNameLength ? name : name[..MaxNameLength] + "…"] = why;
            else
                unnamed++;
        }
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
                Refuse(property.Name, "is given more than once");
            else if (ignored.Contains(property.Name))
                continue;
            else if (!allowed.Contains(property.Name))
                Refuse(property.Name, "is not a known field");
            else if (property.Name == TextField)
                text = ReadText(property.Value, errors);
            else if (property.Name == CompletedField)
                completed = ReadCompleted(property.Value, errors);
        }
        if (unnamed > 0)
            errors[MoreFields] = $"{unnamed} more fields are unknown or repeated";
        if (errors.Count > 0)
        {
            problem = new BodyProblem("Invalid request body", errors);
            return null;
        }
        return new TodoFields(text, completed);
    }

    private static TodoText? ReadText(JsonElement value, Dictionary<string, string> errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors[TextField] = "must be a string";
            return null;
        }
        string raw;
        try
        {
            raw = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            errors[TextField] = "must be valid Unicode";
            return null;
        }
        var text = TodoText.Parse(raw, out var error);
        if (error is not null)
            errors[TextField] = error;
        return text;
    }

    private static bool? ReadCompleted(JsonElement value, Dictionary<string, string> errors)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        errors[CompletedField] = "must be true or false";
        return null;
    }
}
