namespace Todo.Tests.Live;

/// <summary>What the management endpoint answers: a status, API Gateway's error type header, and a body.</summary>
public sealed record ManagementAnswer(int Status, string? ErrorType = null, string? Body = null)
{
    public static readonly ManagementAnswer Ok = new(200);
}
