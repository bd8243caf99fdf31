using System.Net;
using Todo.Store.ReadTable;
using Todo.Tests.Support;

namespace Todo.Tests.Operator;

/// <summary>
/// <c>todoctl rebuild</c> and <c>rollback</c> against the local app while a writer keeps sending commands: after
/// the switch the new table holds every acknowledged command and verify finds no difference; rollback switches
/// back, caught up; an interrupted rebuild resumes from its checkpoints.
/// </summary>
[Slow]
public sealed class RebuildTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>, IDisposable
{
    private readonly TodoApi api = new(fixture.Http);
    private readonly Todoctl todoctl = new(fixture.App);

    public void Dispose() => todoctl.Dispose();

    private ReadPointer Pointer => new(fixture.App.DynamoDb, fixture.ReadPointerTable, new ReadTables(fixture.TodosTable, fixture.TodosGreenTable), TimeProvider.System);

    [Fact]
    public async Task A_rebuild_while_commands_keep_coming_switches_to_a_table_with_every_acknowledged_command_and_rollback_switches_back()
    {
        for (var i = 0; i < 40; i++)
            await api.CreateAsync($"before {i}");
        using var stop = new CancellationTokenSource();
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, (string Text, bool Completed)>();
        var writer = Task.Run(async () =>
        {
            var writes = new TodoApi(fixture.Http);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var id = (await writes.CreateAsync($"during {n}")).Text("id");
                acknowledged[id] = ($"during {n}", false);
                if ((await writes.UpdateAsync(id, new { completed = true })).Status == HttpStatusCode.OK)
                    acknowledged[id] = ($"during {n}", true);
            }
        });
        var before = (await Pointer.ReadAsync(CancellationToken.None)).Active;

        var (exit, report) = await todoctl.JsonAsync("rebuild", "--segments", "3");

        await stop.CancelAsync();
        await writer;
        Assert.Equal(0, exit);
        var after = await Pointer.ReadAsync(CancellationToken.None);
        Assert.NotEqual(before, after.Active);
        Assert.Equal((before, after.Active), (report.GetProperty("from").GetString(), report.GetProperty("to").GetString()));
        Assert.Equal(0, report.GetProperty("differences").GetInt32());
        Assert.True(acknowledged.Count > 0);
        // Every acknowledged command shows in the list, which reads the new table.
        foreach (var (id, (text, completed)) in acknowledged)
            await api.ProjectedAsync(id, t => t.GetProperty("text").GetString() == text && t.GetProperty("completed").GetBoolean() == completed);
        var (verifyExit, verify) = await todoctl.JsonAsync("verify");
        Assert.Equal((0, 0, 0, 0), (verifyExit, verify.GetProperty("missing").GetInt32(), verify.GetProperty("extra").GetInt32(), verify.GetProperty("differing").GetInt32()));

        var late = (await api.CreateAsync("after the switch")).Text("id");
        var (rollbackExit, _) = await todoctl.JsonAsync("rollback");

        Assert.Equal(0, rollbackExit);
        Assert.Equal(before, (await Pointer.ReadAsync(CancellationToken.None)).Active);
        await api.ProjectedAsync(late);
        Assert.Equal(0, (await todoctl.JsonAsync("verify")).Exit);
    }

    [Fact]
    public async Task An_interrupted_rebuild_resumes_from_its_checkpoints()
    {
        for (var i = 0; i < 300; i++)
            await api.CreateAsync($"resume {i}");
        var before = (await Pointer.ReadAsync(CancellationToken.None)).Active;

        // Stopped as Ctrl-C stops it, once a segment's first page is written (its position saved), capped at a
        // rate that makes the rest take a while; not at a fixed time, which a slow start can outlast.
        using var interrupt = new CancellationTokenSource();
        var stopped = todoctl.RunAsync(interrupt.Token, "rebuild", "--segments", "2", "--rate", "200");
        var checkpoints = new Todo.Operator.Rebuild.RebuildCheckpoints(fixture.App.DynamoDb, fixture.ReadPointerTable);
        for (var wait = 0; wait < 1000 && !stopped.IsCompleted; wait++)
        {
            if ((await checkpoints.LoadAsync(CancellationToken.None))?.Segments.Any(p => p != Todo.Operator.Rebuild.SegmentPosition.Start) == true)
                break;
            await Task.Delay(10);
        }
        await interrupt.CancelAsync();
        var (stoppedExit, _, stoppedError) = await stopped;
        Assert.Equal(130, stoppedExit);
        Assert.Contains("Stopped", stoppedError);
        Assert.Equal(before, (await Pointer.ReadAsync(CancellationToken.None)).Active);
        Assert.Equal(2, (await todoctl.RunAsync("rebuild")).Exit); // a fresh start would lose the checkpoints: refused

        var (exit, report) = await todoctl.JsonAsync("rebuild", "--resume");

        Assert.Equal(0, exit);
        Assert.NotEqual(before, (await Pointer.ReadAsync(CancellationToken.None)).Active);
        Assert.Equal(0, report.GetProperty("differences").GetInt32());
        Assert.True(report.GetProperty("events").GetInt32() < await fixture.CountEventsAsync(), "The resumed rebuild read the events again from the start.");
    }
}
