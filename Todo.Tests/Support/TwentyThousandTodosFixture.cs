using Todo.Harness.Seeding;

namespace Todo.Tests.Support;

/// <summary>
/// The local app as a user finds it who has kept 20,000 todos: seeded straight into the read table, then the app
/// restarted on that data, as a second ./run.sh starts on what .local/data kept. The todo seeded n-th reads
/// "Seeded todo n". The stream is read every 50 ms, as ./run.sh reads it, not as often as the other fixtures.
/// </summary>
public sealed class TwentyThousandTodosFixture : PersistentAppFixture
{
    public const int Todos = 20_000;

    public IReadOnlyList<Guid> Seeded { get; private set; } = [];

    private bool seeded;

    protected override TimeSpan StreamPollInterval => TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// No stream mapping while seeding: DynamoDB Local's writes to a table crawl while the notifier reads that table's
    /// growing stream, and the seeded items stand for a projection already done.
    /// </summary>
    protected override bool Projects => seeded;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var seeder = new ReadTableSeeder(App.DynamoDb, TodosTable, i => $"Seeded todo {i + 1:N0}");
        await seeder.SeedToAsync(Todos);
        Seeded = seeder.Seeded;
        seeded = true;
        await RestartAsync();
    }
}
