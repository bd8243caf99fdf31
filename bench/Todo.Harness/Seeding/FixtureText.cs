namespace Todo.Harness.Seeding;

/// <summary>The text of every seeded todo and every benchmark command, so that seeded, raw and API items are the same size.</summary>
public static class FixtureText
{
    public const string Standard = "Benchmark todo: buy oat milk on the way home";
}
