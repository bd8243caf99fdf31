using System.Text.Json.Serialization;

namespace Todo.Lambda.Runtime;

/// <summary>The body the Runtime API takes for an invocation or init error.</summary>
public sealed record ErrorReport(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace)
{
    /// <summary>As the .NET runtime client reports it: the exception's short type name and one stack frame per line.</summary>
    public static ErrorReport From(Exception exception) => new(
        exception.Message,
        exception.GetType().Name,
        (exception.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
