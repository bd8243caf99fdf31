namespace Todo.Stubs;

/// <summary>What a runtime posted back: to <c>response</c>, <c>error</c> or <c>init/error</c>.</summary>
public sealed record RuntimeReply(RuntimeReplyKind Kind, byte[] Body, string? ContentType, string? ErrorType, long ReceivedAt)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}

public enum RuntimeReplyKind
{
    Response,
    Error,
    InitError,
}
