using System.Diagnostics;

namespace Todo.Benchmarks.Measuring;

/// <summary>An open-loop load: each of <c>count</c> operations starts on its schedule whether or not earlier ones have finished.</summary>
public static class OpenLoop
{
    /// <returns>The rate the operations were started at, per second, once all have finished.</returns>
    public static async Task<double> RunAsync(int count, double perSecond, Func<int, Task> operation)
    {
        var period = TimeSpan.FromSeconds(1 / perSecond);
        var operations = new List<Task>(count);
        var started = Stopwatch.GetTimestamp();
        for (var k = 0; k < count; k++)
        {
            var wait = period * k - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            operations.Add(operation(k));
        }
        var issuing = Stopwatch.GetElapsedTime(started);
        await Task.WhenAll(operations);
        return count / (issuing + period).TotalSeconds;
    }
}
