using System.Collections.Concurrent;

namespace Todo.Local.Waf;

/// <summary>
/// A rate-based rule's count: each key's requests over the last <c>window</c> seconds, kept as one count per second
/// so that a key costs the same memory whatever its limit. Keys idle for a whole window are dropped now and then.
/// </summary>
public sealed class RateCounter(long limit, int windowSeconds)
{
    private const int PruneEvery = 4096;
    private readonly ConcurrentDictionary<string, Window> keys = new();
    private long counted;

    /// <summary>Counts a request of <paramref name="key"/> at <paramref name="second"/>.</summary>
    /// <returns>Whether the key's requests in the window, this one included, are over the limit.</returns>
    public bool CountOver(string key, long second)
    {
        if (Interlocked.Increment(ref counted) % PruneEvery == 0)
            Prune(second);
        return keys.GetOrAdd(key, _ => new Window(windowSeconds)).Add(second) > limit;
    }

    private void Prune(long second)
    {
        foreach (var (key, window) in keys)
        {
            if (window.IdleSince(second - windowSeconds))
                keys.TryRemove(key, out _);
        }
    }

    private sealed class Window(int seconds)
    {
        private readonly long[] stamps = new long[seconds];
        private readonly long[] counts = new long[seconds];
        private long last;

        public long Add(long second)
        {
            lock (stamps)
            {
                var slot = (int)(second % stamps.Length);
                if (stamps[slot] != second)
                {
                    stamps[slot] = second;
                    counts[slot] = 0;
                }
                counts[slot]++;
                last = Math.Max(last, second);
                long total = 0;
                for (var i = 0; i < stamps.Length; i++)
                {
                    if (stamps[i] > second - stamps.Length)
                        total += counts[i];
                }
                return total;
            }
        }

        public bool IdleSince(long second)
        {
            lock (stamps)
                return last <= second;
        }
    }
}
