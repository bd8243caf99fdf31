using System.Text;
using Todo.Http;
using Todo.Live;

namespace Todo.Tests.Live;

/// <summary>The message a live connection is sent: the changes feed's change with <c>"type": "change"</c> in front.</summary>
public sealed class ChangeMessageTests
{
    private static readonly Guid Id = Guid.Parse("6f1c1f57-2b55-4ec5-9f1e-4b3b0e2f8a10");

    [Fact]
    public void A_live_todo_is_its_item_at_its_version()
    {
        var message = ChangeMessage.Of(TodoChange.From(LiveRecords.Item(Id, 5, "Buy \"oat\" milk", completed: true)));

        Assert.Equal(
            """{"type":"change","id":"6f1c1f57-2b55-4ec5-9f1e-4b3b0e2f8a10","version":5,"item":{"id":"6f1c1f57-2b55-4ec5-9f1e-4b3b0e2f8a10","text":"Buy \u0022oat\u0022 milk","completed":true,"createdAt":"2026-12-08T09:30:00.000Z"}}""",
            Encoding.UTF8.GetString(message));
    }

    [Fact]
    public void A_deleted_todo_is_its_tombstone_at_its_version()
    {
        var message = ChangeMessage.Of(TodoChange.From(LiveRecords.Tombstone(Id, 6)));

        Assert.Equal("""{"type":"change","id":"6f1c1f57-2b55-4ec5-9f1e-4b3b0e2f8a10","version":6,"deleted":true}""", Encoding.UTF8.GetString(message));
    }
}
