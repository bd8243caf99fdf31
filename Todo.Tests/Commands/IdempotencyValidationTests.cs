using Todo.Commands.Idempotency;
using Todo.Domain;
using Todo.Domain.Commands;

namespace Todo.Tests.Commands;

/// <summary>The validation hash of an idempotency claim: what the parsed command asked, never the body's bytes.</summary>
public class IdempotencyValidationTests
{
    private static readonly Guid Todo = Guid.Parse("3f2c1a7e-5b6d-4c8e-9f01-23456789abcd");
    private static readonly Guid Other = Guid.Parse("00000000-0000-4000-8000-000000000001");

    private static TodoText Text(string raw) => TodoText.Parse(raw, out _)!;

    [Fact]
    public void A_create_is_its_text_whatever_its_new_id_and_time()
    {
        var first = IdempotencyKeys.Validation(Todo, new CreateTodo(Text("Buy milk"), DateTimeOffset.UnixEpoch));
        var retried = IdempotencyKeys.Validation(Other, new CreateTodo(Text("  Buy milk "), DateTimeOffset.UnixEpoch.AddSeconds(5)));

        Assert.Equal(first, retried);
        Assert.NotEqual(first, IdempotencyKeys.Validation(Todo, new CreateTodo(Text("Buy bread"), DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public void An_update_is_its_todo_and_the_fields_it_sets()
    {
        var update = IdempotencyKeys.Validation(Todo, new UpdateTodo(Text("a"), true));

        Assert.Equal(update, IdempotencyKeys.Validation(Todo, new UpdateTodo(Text("a"), true)));
        Assert.NotEqual(update, IdempotencyKeys.Validation(Other, new UpdateTodo(Text("a"), true)));
        Assert.Distinct(new[]
        {
            update,
            IdempotencyKeys.Validation(Todo, new UpdateTodo(Text("a"), false)),
            IdempotencyKeys.Validation(Todo, new UpdateTodo(Text("a"), null)),
            IdempotencyKeys.Validation(Todo, new UpdateTodo(null, true)),
            IdempotencyKeys.Validation(Todo, new UpdateTodo(Text("b"), true)),
        });
    }

    [Fact]
    public void A_delete_is_its_todo()
    {
        Assert.Equal(IdempotencyKeys.Validation(Todo, new DeleteTodo()), IdempotencyKeys.Validation(Todo, new DeleteTodo()));
        Assert.NotEqual(IdempotencyKeys.Validation(Todo, new DeleteTodo()), IdempotencyKeys.Validation(Other, new DeleteTodo()));
    }

    [Fact]
    public void Commands_of_different_kinds_never_share_a_hash()
    {
        // A PUT that sets nothing cannot be sent (it is a 400), but even as a command it is not a DELETE.
        Assert.Distinct(new[]
        {
            IdempotencyKeys.Validation(Todo, new DeleteTodo()),
            IdempotencyKeys.Validation(Todo, new UpdateTodo(null, null)),
            IdempotencyKeys.Validation(Todo, new CreateTodo(Text("x"), DateTimeOffset.UnixEpoch)),
        });
    }

    [Fact]
    public void The_hash_is_SHA256_hex()
    {
        Assert.Matches("^[0-9a-f]{64}$", IdempotencyKeys.Validation(Todo, new DeleteTodo()));
    }
}
