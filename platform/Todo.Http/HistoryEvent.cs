using System.Text.Json.Serialization;
using Todo.Domain;
using Todo.Domain.Events;
using Todo.Store.Events;

namespace Todo.Http;

/// <summary>One event of a todo's history as <c>GET /api/todos/{id}/events</c> shows it: <c>{version, type, occurredAt, data}</c>.</summary>
public sealed record HistoryEvent(
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("occurredAt")] string OccurredAt,
    [property: JsonPropertyName("data")] HistoryEventData Data)
{
    public static HistoryEvent From(StoredEvent stored) => new(
        stored.Version,
        stored.Event.GetType().Name,
        Timestamp.ToText(stored.OccurredAt),
        stored.Event switch
        {
            TodoCreated created => new HistoryEventData(created.Text, Timestamp.ToText(created.CreatedAt)),
            TodoTextChanged changed => new HistoryEventData(changed.Text),
            _ => new HistoryEventData(),
        });
}

/// <summary>What an event carries: the text of a creation or a text change, a creation's time; nothing for the others (<c>{}</c>).</summary>
public sealed record HistoryEventData(
    [property: JsonPropertyName("text")] string? Text = null,
    [property: JsonPropertyName("createdAt")] string? CreatedAt = null);
