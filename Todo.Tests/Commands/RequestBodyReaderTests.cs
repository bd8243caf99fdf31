using System.Text;
using Todo.Commands.Requests;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Tests.Commands;

/// <summary>A command's body: every way it can be wrong gets its own message, and field faults name the field.</summary>
public class RequestBodyReaderTests
{
    private static readonly HashSet<string> UpdateFields = [RequestBodyReader.TextField, RequestBodyReader.CompletedField];
    private static readonly HashSet<string> CreateFields = [RequestBodyReader.TextField];

    private static readonly HashSet<string> ReadOnlyFields = [RequestBodyReader.IdField, RequestBodyReader.CreatedAtField];

    private static TodoFields? Read(string? body, out BodyProblem? problem, bool base64 = false, IReadOnlySet<string>? allowed = null) =>
        RequestBodyReader.Read(new APIGatewayProxyRequest { Body = body, IsBase64Encoded = base64 }, allowed ?? UpdateFields, out problem);

    private static TodoFields? ReadIgnoring(string body, out BodyProblem? problem) =>
        RequestBodyReader.Read(new APIGatewayProxyRequest { Body = body }, UpdateFields, ReadOnlyFields, out problem);

    private static TodoFields Valid(string body, bool base64 = false, IReadOnlySet<string>? allowed = null)
    {
        var fields = Read(body, out var problem, base64, allowed);
        Assert.Null(problem);
        return Assert.IsType<TodoFields>(fields);
    }

    private static BodyProblem Rejected(string? body, bool base64 = false, IReadOnlySet<string>? allowed = null)
    {
        var fields = Read(body, out var problem, base64, allowed);
        Assert.Null(fields);
        return Assert.IsType<BodyProblem>(problem);
    }

    /// <summary>A body rejected for its fields: the message, and exactly these field errors.</summary>
    private static void FieldErrors(string body, Dictionary<string, string> expected, IReadOnlySet<string>? allowed = null)
    {
        var problem = Rejected(body, allowed: allowed);
        Assert.Equal("Invalid request body", problem.Message);
        Assert.NotNull(problem.Errors);
        Assert.Equal(expected.OrderBy(e => e.Key), problem.Errors.OrderBy(e => e.Key));
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    // --- valid bodies ---

    [Fact]
    public void Text_only()
    {
        var fields = Valid("""{"text":"Buy milk"}""");

        Assert.Equal("Buy milk", fields.Text?.Value);
        Assert.Null(fields.Completed);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Completed_only(string json, bool expected)
    {
        var fields = Valid($$"""{"completed":{{json}}}""");

        Assert.Null(fields.Text);
        Assert.Equal(expected, fields.Completed);
    }

    [Fact]
    public void Text_and_completed()
    {
        var fields = Valid("""{ "completed" : true, "text" : "  Buy milk  " }""");

        Assert.Equal("Buy milk", fields.Text?.Value);
        Assert.True(fields.Completed);
    }

    [Fact]
    public void An_empty_object_has_no_fields()
    {
        Assert.Equal(new TodoFields(null, null), Valid("{}"));
    }

    [Fact]
    public void Escaped_unicode_in_text_is_decoded()
    {
        Assert.Equal("牛乳 😀", Valid("""{"text":"\u725b\u4e73 \ud83d\ude00"}""").Text?.Value);
    }

    // --- missing or unreadable body ---

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_body_is_required(string? body)
    {
        var problem = Rejected(body);

        Assert.Equal("Request body is required", problem.Message);
        Assert.Equal([BodyProblem.Body], problem.Errors.Keys);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{")]
    [InlineData("""{"text":"a",}""")]
    [InlineData("""{'text':'a'}""")]
    [InlineData("""{"text":"a"} {"text":"b"}""")]
    [InlineData("""{"text":"a"} // comment""")]
    [InlineData(" ")]
    public void A_body_that_is_not_json_is_rejected(string body)
    {
        var problem = Rejected(body);

        Assert.Equal("Request body is not valid JSON", problem.Message);
        Assert.Equal([BodyProblem.Body], problem.Errors.Keys);
    }

    [Theory]
    [InlineData("""[{"text":"a"}]""")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    public void A_json_root_that_is_not_an_object_is_rejected(string body)
    {
        var problem = Rejected(body);

        Assert.Equal("Request body must be a JSON object", problem.Message);
        Assert.Equal([BodyProblem.Body], problem.Errors.Keys);
    }

    // --- field faults ---

    [Theory]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("[\"a\"]")]
    [InlineData("{\"value\":\"a\"}")]
    public void Text_that_is_not_a_string(string json)
    {
        FieldErrors($$"""{"text":{{json}}}""", new() { ["text"] = "must be a string" });
    }

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("null")]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("\"false\"")]
    [InlineData("[]")]
    public void Completed_that_is_not_a_boolean(string json)
    {
        FieldErrors($$"""{"completed":{{json}}}""", new() { ["completed"] = "must be true or false" });
    }

    [Theory]
    [InlineData("\"\"", "must not be empty")]
    [InlineData("\"   \"", "must not be empty")]
    [InlineData("\"a\\nb\"", "must not contain control characters")]
    [InlineData("\"a\\u0000b\"", "must not contain control characters")]
    public void Text_that_the_domain_rejects_says_why(string json, string error)
    {
        FieldErrors($$"""{"text":{{json}}}""", new() { ["text"] = error });
    }

    [Fact]
    public void Text_over_1000_characters()
    {
        FieldErrors($$"""{"text":"{{new string('a', 1001)}}"}""", new() { ["text"] = "must be at most 1000 characters" });
    }

    [Fact]
    public void An_unknown_field()
    {
        FieldErrors("""{"text":"Buy milk","title":"x"}""", new() { ["title"] = "is not a known field" });
    }

    [Fact]
    public void A_field_the_route_does_not_take_is_unknown()
    {
        FieldErrors("""{"text":"Buy milk","completed":true}""", new() { ["completed"] = "is not a known field" }, CreateFields);
    }

    [Fact]
    public void Field_names_are_case_sensitive()
    {
        FieldErrors("""{"Text":"Buy milk"}""", new() { ["Text"] = "is not a known field" });
    }

    [Theory]
    [InlineData("""{"text":"a","text":"b"}""")]
    [InlineData("""{"text":"a","completed":true,"text":"a"}""")]
    public void A_duplicate_field(string body)
    {
        FieldErrors(body, new() { ["text"] = "is given more than once" });
    }

    [Fact]
    public void Every_faulty_field_is_named_at_once()
    {
        FieldErrors(
            """{"text":5,"completed":"yes","extra":1,"completed":false}""",
            new() { ["text"] = "must be a string", ["completed"] = "is given more than once", ["extra"] = "is not a known field" });
    }

    [Fact]
    public void A_flood_of_unknown_fields_is_named_a_few_at_a_time_each_name_shortened()
    {
        const int count = 600; // about 45 KB, under the body's limit
        var names = Enumerable.Range(0, count).Select(i => $"{i}{new string('x', 66)}").ToList();
        var body = "{" + string.Join(",", names.Select(n => $"\"{n}\":1")) + "}";

        var errors = Rejected(body).Errors;

        Assert.Equal(RequestBodyReader.MaxNamedFields + 1, errors.Count);
        Assert.All(errors.Keys, key => Assert.True(key.Length <= RequestBodyReader.MaxNameLength + 1, key));
        Assert.Equal($"{count - RequestBodyReader.MaxNamedFields} more fields are unknown or repeated", errors[RequestBodyReader.MoreFields]);
        Assert.True(System.Text.Json.JsonSerializer.Serialize(errors).Length < 2000);
    }

    // --- ignored fields ---

    [Theory]
    [InlineData("\"3f2c1a7e-0000-4000-8000-000000000000\"")]
    [InlineData("\"\\ud800\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("[1,{\"a\":[]}]")]
    [InlineData("{\"id\":1}")]
    public void Ignored_fields_are_accepted_with_any_value(string json)
    {
        var fields = ReadIgnoring($$"""{"id":{{json}},"text":"Buy milk","createdAt":{{json}}}""", out var problem);

        Assert.Null(problem);
        Assert.Equal("Buy milk", fields?.Text?.Value);
        Assert.Null(fields?.Completed);
    }

    [Fact]
    public void A_body_of_only_ignored_fields_has_no_fields()
    {
        Assert.Equal(new TodoFields(null, null), ReadIgnoring("""{"id":"x","createdAt":"y"}""", out _));
    }

    [Theory]
    [InlineData("""{"id":1,"text":"a","id":1}""", "id")]
    [InlineData("""{"createdAt":"a","createdAt":"a"}""", "createdAt")]
    public void An_ignored_field_given_twice_is_an_error(string body, string field)
    {
        Assert.Null(ReadIgnoring(body, out var problem));
        Assert.Equal("Invalid request body", problem?.Message);
        Assert.Equal([field], problem?.Errors.Keys);
    }

    [Theory]
    [InlineData("""{"ID":1,"completed":true}""", "ID")]
    [InlineData("""{"id":1,"complete":true}""", "complete")]
    public void Only_the_named_fields_are_ignored(string body, string field)
    {
        Assert.Null(ReadIgnoring(body, out var problem));
        Assert.Equal([field], problem?.Errors.Keys);
    }

    [Fact]
    public void An_ignored_field_is_held_to_the_depth_limit()
    {
        Assert.Null(ReadIgnoring($$"""{"id":{{new string('[', 8)}}{{new string(']', 8)}},"completed":true}""", out var problem));
        Assert.Equal("Request body is not valid JSON", problem?.Message);
    }

    [Fact]
    public void An_ignored_field_is_held_to_the_size_limit()
    {
        Assert.Null(ReadIgnoring($$"""{"id":"{{new string('i', RequestBodyReader.MaxBodyBytes)}}","completed":true}""", out var problem));
        Assert.Equal("Request body is larger than 65536 bytes", problem?.Message);
    }

    [Fact]
    public void Without_ignored_fields_the_read_only_ones_are_unknown()
    {
        FieldErrors("""{"text":"Buy milk","id":"x","createdAt":"y"}""", new() { ["id"] = "is not a known field", ["createdAt"] = "is not a known field" }, CreateFields);
    }

    // --- size and depth ---

    [Fact]
    public void A_body_of_exactly_64_KiB_is_read()
    {
        var body = Padded(RequestBodyReader.MaxBodyBytes);
        Assert.Equal(65536, Encoding.UTF8.GetByteCount(body));

        Assert.Equal("Buy milk", Valid(body).Text?.Value);
    }

    [Fact]
    public void A_body_over_64_KiB_is_rejected()
    {
        var problem = Rejected(Padded(RequestBodyReader.MaxBodyBytes + 1));

        Assert.Equal("Request body is larger than 65536 bytes", problem.Message);
        Assert.Equal([BodyProblem.Body], problem.Errors.Keys);
    }

    [Fact]
    public void The_size_limit_counts_utf8_bytes_not_characters()
    {
        // 22,000 three-byte characters: under 64 Ki characters, over 64 KiB.
        var problem = Rejected($$"""{"text":"{{new string('牛', 22_000)}}"}""");

        Assert.Equal("Request body is larger than 65536 bytes", problem.Message);
    }

    [Fact]
    public void A_base64_body_is_measured_after_decoding()
    {
        var problem = Rejected(Base64(Padded(RequestBodyReader.MaxBodyBytes + 1)), base64: true);

        Assert.Equal("Request body is larger than 65536 bytes", problem.Message);
    }

    /// <summary>A valid body of exactly <paramref name="bytes"/> UTF-8 bytes: the text, then spaces.</summary>
    private static string Padded(int bytes)
    {
        const string json = """{"text":"Buy milk"}""";
        return json + new string(' ', bytes - json.Length);
    }

    [Fact]
    public void Nesting_8_deep_is_parsed()
    {
        // The object is depth 1; seven more levels inside it make 8.
        var body = """{"x":""" + new string('[', 7) + new string(']', 7) + "}";

        FieldErrors(body, new() { ["x"] = "is not a known field" });
    }

    [Theory]
    [InlineData(8)]
    [InlineData(64)]
    [InlineData(1000)]
    public void Nesting_beyond_8_is_rejected(int inner)
    {
        var body = """{"x":""" + new string('[', inner) + new string(']', inner) + "}";

        var problem = Rejected(body);
        Assert.Equal("Request body is not valid JSON", problem.Message);
    }

    // --- encodings ---

    [Fact]
    public void A_base64_body_of_utf8_json_is_read()
    {
        var fields = Valid(Base64("""{"text":"牛乳 😀","completed":false}"""), base64: true);

        Assert.Equal("牛乳 😀", fields.Text?.Value);
        Assert.False(fields.Completed);
    }

    [Fact]
    public void A_base64_body_is_not_read_as_text()
    {
        // The same characters without the flag are not JSON.
        Assert.Equal("Request body is not valid JSON", Rejected(Base64("""{"text":"a"}""")).Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D })] // {"text":"\xC3("}
    [InlineData(new byte[] { 0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D })] // {"text":"\xFF"}
    [InlineData(new byte[] { 0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D })] // UTF-8 encoded surrogate D800
    [InlineData(new byte[] { 0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x22, 0xC0, 0xAF, 0x22, 0x7D })] // overlong '/'
    public void A_base64_body_of_invalid_utf8_is_rejected(byte[] bytes)
    {
        var problem = Rejected(Convert.ToBase64String(bytes), base64: true);

        Assert.Equal("Request body is not valid UTF-8 text", problem.Message);
        Assert.Equal([BodyProblem.Body], problem.Errors.Keys);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("eyJ0ZXh0IjoiYSJ9=")]
    [InlineData("e")]
    public void An_invalid_base64_body_is_rejected(string body)
    {
        var problem = Rejected(body, base64: true);

        Assert.Equal("Request body is not valid UTF-8 text", problem.Message);
        Assert.Equal([BodyProblem.Body], problem.Errors.Keys);
    }

    [Fact]
    public void A_text_body_holding_a_lone_surrogate_is_rejected()
    {
        // A .NET string can hold what UTF-8 cannot; it never reaches the JSON parser.
        var problem = Rejected("{\"text\":\"a" + '\ud800' + "\"}");

        Assert.Equal("Request body is not valid UTF-8 text", problem.Message);
    }

    [Theory]
    [InlineData("""{"text":"\ud800"}""")]
    [InlineData("""{"text":"a\udc00b"}""")]
    [InlineData("""{"text":"\ude00\ud83d"}""")]
    public void An_escaped_lone_surrogate_in_text_is_a_field_error(string body)
    {
        FieldErrors(body, new() { ["text"] = "must be valid Unicode" });
    }

    [Fact]
    public void An_escaped_lone_surrogate_in_a_field_name_is_rejected_not_thrown()
    {
        var fields = Read("""{"\ud800":true}""", out var problem);

        Assert.Null(fields);
        Assert.NotNull(problem);
        Assert.Equal("Request body is not valid JSON", problem.Message);
    }
}
