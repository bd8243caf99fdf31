using System.Text.Json;
using Todo.Http;

namespace Todo.Live;

/// <summary>What a live connection is sent for one change of its list: the changes feed's change with <c>"type": "change"</c> in front.</summary>
public static class ChangeMessage
{
    public const string ChangeType = "change";

    public static byte[] Of(TodoChange change) => JsonSerializer.SerializeToUtf8Bytes(change with { Type = ChangeType }, LiveJsonContext.Default.TodoChange);
}
