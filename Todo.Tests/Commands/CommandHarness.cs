using Microsoft.Extensions.Time.Testing;
using Todo.Commands;
using Todo.Commands.Idempotency;
using Todo.Domain;
using Todo.Domain.Commands;
using Todo.Store.Events;
using Todo.Tests.Store;

namespace Todo.Tests.Commands;

/// <summary>
/// Command handlers on one in-memory store and clock, each made with a cache of its own, as warm function
/// instances on one table are: what the handler decides and retries, without DynamoDB.
/// </summary>
public sealed class CommandHarness
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(60);

    public MemoryEventStore Store { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    /// <summary>A function instance: a handler with its own snapshot cache, on <paramref name="store"/> (the harness's own unless given).</summary>
    public TodoCommandHandler NewInstance(IEventStore? store = null) => new(store ?? Store, Expiry, Clock, new SnapshotCache(SnapshotCache.DefaultCapacity));

    /// <summary>The answer kept for replays: what the outcome was, so a replay shows which run it came from.</summary>
    public static string Render(CommandOutcome outcome) => $"{outcome.Decision.GetType().Name} at {outcome.Version}: {outcome.State}";

    /// <param name="key">The Idempotency-Key, claimed as the function claims it.</param>
    public static CommandRequest Request(Guid id, TodoCommand command, long? expectedVersion = null, string? key = null) =>
        new(id, command, Guid.NewGuid().ToString(), expectedVersion, key is null ? null : IdempotencyKeys.Claim(key, command.GetType().Name, command.Caller, id, command));

    public static Task<CommandResult> RunAsync(TodoCommandHandler instance, CommandRequest request) =>
        instance.HandleAsync(request, Render, CancellationToken.None);

    public static TodoText Text(string raw) => TodoText.Parse(raw, out var error) ?? throw new ArgumentException(error, nameof(raw));

    public CreateTodo Create(string text) => new(Text(text), Clock.GetUtcNow());

    public static UpdateTodo Update(string? text = null, bool? completed = null) => new(text is null ? null : Text(text), completed);

    /// <summary>A new todo, created through an instance of its own.</summary>
    public async Task<Guid> CreatedAsync(string text)
    {
        var id = Guid.NewGuid();
        Executed(await RunAsync(NewInstance(), Request(id, Create(text))));
        return id;
    }

    public static CommandOutcome Executed(CommandResult result) => Assert.IsType<CommandResult.Executed>(result).Outcome;

    /// <summary>The todo's events as the store holds them, oldest first.</summary>
    public async Task<List<StoredEvent>> EventsAsync(Guid id) =>
        [.. (await Store.ReadPageAsync(id, 0, null, consistent: true, CancellationToken.None)).Events];
}
