using System.Diagnostics;

namespace Todo.Benchmarks.Measuring;

/// <summary>Latency samples in milliseconds, summarised as the median and the 99th percentile (nearest rank).</summary>
public sealed class Latencies
{
    private readonly List<double> samples = [];

    public int Count
    {
        get { lock (samples) return samples.Count; }
    }

    public double Median => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public void Add(double milliseconds)
    {
        lock (samples)
            samples.Add(milliseconds);
    }

    /// <summary>Runs <paramref name="action"/> and records how long it took.</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> action)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await action();
        Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    public Task TimeAsync(Func<Task> action) => TimeAsync(async () =>
    {
        await action();
        return true;
    });

    public double Percentile(double fraction)
    {
        lock (samples)
        {
            if (samples.Count == 0)
                return double.NaN;
            var sorted = samples.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }
}
