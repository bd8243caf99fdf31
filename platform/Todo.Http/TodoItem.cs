using System.Text.Json.Serialization;
using Todo.Domain;
using Todo.Store.ReadTable;

namespace Todo.Http;

/// <summary>A todo as the public API shows it: the classic <c>{id, text, completed, createdAt}</c>.</summary>
public sealed record TodoItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("completed")] bool Completed,
    [property: JsonPropertyName("createdAt")] string CreatedAt)
{
    public static TodoItem From(Guid id, TodoState.Live todo) =>
        new(id.ToString(), todo.Text, todo.Completed, Timestamp.ToText(todo.CreatedAt));

    public static TodoItem From(TodoView view) =>
        new(view.Id.ToString(), view.Text, view.Completed, Timestamp.ToText(view.CreatedAt));
}
