namespace Todo.Harness.Browser;

/// <summary>
/// When the first row of the list appeared, in milliseconds from the navigation's start, with the steps before it
/// from resource timing: when the last of the app's scripts was in, config.json, and the first list request.
/// <paramref name="Fetched"/> is how many list requests had completed by then.
/// </summary>
public sealed record FirstRow(double At, int Fetched, double Script, double Config, double ListStart, double ListEnd)
{
    public double ListRequest => ListEnd - ListStart;
}
