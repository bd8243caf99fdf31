namespace Todo.Harness.Seeding;

public static class FixtureText
{
    /// <summary>The text of every seeded todo and every benchmark command, so that seeded, raw and API items are the same size.</summary>
    public const string Standard = "Benchmark todo: buy oat milk on the way home";
}
