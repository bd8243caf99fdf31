namespace Todo.Commands.Requests;

/// <summary>Why a request body was rejected: a message, and the reason per field where one field is at fault.</summary>
public sealed record BodyProblem(string Message, IReadOnlyDictionary<string, string>? Errors = null);
