namespace Todo.Commands.Requests;

/// <summary>Why a request body was rejected: a message, and what is wrong per field (<c>body</c> when it is the body as a whole).</summary>
public sealed record BodyProblem(string Message, IReadOnlyDictionary<string, string> Errors)
{
    public const string Body = "body";

    public static BodyProblem OfBody(string message, string reason) => new(message, new Dictionary<string, string> { [Body] = reason });
}
