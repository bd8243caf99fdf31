using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Todo.Tests.Support;
using Xunit.Abstractions;

namespace Todo.Tests.Local;

/// <summary>
/// DynamoDB Local killed under write load while the host runs: the host starts it again on the same data, the
/// requests meanwhile answer 503 with Retry-After (or succeed), the API serves again with no restart of the
/// host, and every create that was answered 201 is there afterwards.
/// </summary>
[Slow]
public sealed class EngineRestartTests(PersistentAppFixture fixture, ITestOutputHelper output) : IClassFixture<PersistentAppFixture>
{
    [Fact]
    public async Task A_killed_engine_is_started_again_and_nothing_acknowledged_is_lost()
    {
        var api = new TodoApi(fixture.Http);
        var answers = new ConcurrentQueue<(DateTime Sent, DateTime At, HttpStatusCode Status, string? Id, string? RetryAfter)>();
        using var stop = new CancellationTokenSource();
        async Task WriteAsync(int writer)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var sent = DateTime.UtcNow;
                var answer = await api.CreateAsync($"Written through the outage {writer}.{i}");
                answers.Enqueue((sent, DateTime.UtcNow, answer.Status, answer.Status == HttpStatusCode.Created ? answer.Text("id") : null, answer.Header("Retry-After")));
                if (answer.Status == HttpStatusCode.ServiceUnavailable)
                    await Task.Delay(100);
            }
        }
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() => WriteAsync(w))).ToList();
        await Task.Delay(1000);

        var engine = fixture.App.Engine;
        var killedAt = DateTime.UtcNow;
        Process.GetProcessById(engine.ProcessId).Kill(entireProcessTree: true);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // Served again: a create sent after the kill was answered 201 (one sent before may still answer 201 after it).
        while (engine.Restarts == 0 || !answers.Any(a => a.Sent > killedAt && a.Status == HttpStatusCode.Created))
        {
            Assert.True(DateTime.UtcNow < deadline, "The API never served again after the engine was killed.");
            await Task.Delay(50);
        }
        var back = answers.Where(a => a.Sent > killedAt && a.Status == HttpStatusCode.Created).Min(a => a.At) - killedAt;
        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), a => Assert.Equal("1", a.RetryAfter));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.ServiceUnavailable);
        // How soon is the machine's: a figure to read, not to assert (the engine is a JVM).
        output.WriteLine($"The API served again {back.TotalSeconds:F1} s after the engine was killed; {answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable)} answers were 503.");
        var lost = new List<string>();
        foreach (var id in answers.Where(a => a.Id is not null).Select(a => a.Id!))
        {
            if ((await api.GetAsync(id)).Status != HttpStatusCode.OK)
                lost.Add(id);
        }
        Assert.Empty(lost);
    }
}
