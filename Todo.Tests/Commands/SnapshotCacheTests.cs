using Todo.Store.Events;
using Todo.Commands;
using Todo.Domain;

namespace Todo.Tests.Commands;

/// <summary>The per-instance cache: bounded, least recently used first out, never going back a version, and safe to share between concurrent invocations.</summary>
public sealed class SnapshotCacheTests
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static Snapshot Live(string text, long version) => new(new TodoState.Live(text, false, CreatedAt), version);

    [Fact]
    public void Past_its_capacity_it_drops_the_least_recently_used()
    {
        var cache = new SnapshotCache(2);
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        cache.Remember(a, Live("a", 1));
        cache.Remember(b, Live("b", 1));
        Assert.NotNull(cache.Find(a));

        cache.Remember(c, Live("c", 1));

        Assert.Equal(2, cache.Count);
        Assert.Null(cache.Find(b));
        Assert.Equal(Live("a", 1), cache.Find(a));
        Assert.Equal(Live("c", 1), cache.Find(c));
    }

    [Fact]
    public void It_keeps_the_newest_version_it_has_seen()
    {
        var cache = new SnapshotCache(10);
        var id = Guid.NewGuid();

        cache.Remember(id, Live("v5", 5));
        cache.Remember(id, Live("v4", 4));
        Assert.Equal(Live("v5", 5), cache.Find(id));

        cache.Remember(id, Live("v6", 6));
        Assert.Equal(Live("v6", 6), cache.Find(id));
    }

    [Fact]
    public void A_todo_that_is_gone_or_never_was_is_not_kept()
    {
        var cache = new SnapshotCache(10);
        var (deleted, unknown) = (Guid.NewGuid(), Guid.NewGuid());
        cache.Remember(deleted, Live("soon gone", 1));

        cache.Remember(deleted, new Snapshot(new TodoState.Deleted(), 2));
        cache.Remember(unknown, Snapshot.Empty);

        Assert.Null(cache.Find(deleted));
        Assert.Null(cache.Find(unknown));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_cache_of_no_capacity_keeps_nothing()
    {
        var cache = new SnapshotCache(0);
        var id = Guid.NewGuid();

        cache.Remember(id, Live("x", 1));

        Assert.Null(cache.Find(id));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SnapshotCache(-1));
    }

    [Fact]
    public async Task Concurrent_use_stays_within_capacity_and_ends_at_each_todos_newest_version()
    {
        var cache = new SnapshotCache(64);
        var ids = Enumerable.Range(0, 32).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var version = 1; version <= 500; version++)
                foreach (var id in ids)
                {
                    cache.Remember(id, Live($"{version}", version));
                    Assert.True(cache.Find(id)?.Version >= version);
                }
        })));

        Assert.Equal(32, cache.Count);
        Assert.All(ids, id => Assert.Equal(500, cache.Find(id)?.Version));
    }
}
