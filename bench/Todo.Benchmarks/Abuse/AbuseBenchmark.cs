using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Todo.Benchmarks.Api;
using Todo.Benchmarks.Measuring;
using Todo.Harness.Load;
using Todo.Local;
using Todo.Local.Template;

namespace Todo.Benchmarks.Abuse;

/// <summary>
/// Benchmark 10: ten signed-in users work at a person's pace while one client sends ten times its rate limit, first
/// anonymously from an address of its own, then signed in; a run without it comes first. The local host runs with
/// sign-in and the template's default limits, which it applies as the stage's AWS WAF rules do.
/// </summary>
public static class AbuseBenchmark
{
    public const int NormalUsers = 10;
    public const int Overload = 10;

    /// <summary>A person's pace: a request every half second, well within any user's limit.</summary>
    private static readonly TimeSpan NormalPause = TimeSpan.FromMilliseconds(500);
    private const string Password = "Correct-horse-battery-9";

    public static async Task<AbuseResult> RunAsync(string root, BenchmarkSizes sizes)
    {
        await using var app = await LocalApp.StartAsync(
            new LocalOptions { Root = root, Port = 0, AuthMode = LocalApp.SignIn },
            logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning), CancellationToken.None);
        var users = app.Users ?? throw new InvalidOperationException("The benchmark needs sign-in.");
        var userLimit = Limit(app.Template, RateLimits.UserParameter);
        var anonymousLimit = Limit(app.Template, RateLimits.AnonymousParameter);
        var tokens = new List<string>();
        for (var i = 0; i <= NormalUsers; i++)
        {
            var email = $"abuse-{i}-{Guid.NewGuid():N}@example.com";
            await users.Client.SignUpAsync(users.ClientId, email, Password, CancellationToken.None);
            await users.Client.AdminConfirmSignUpAsync(users.UserPoolId, email, CancellationToken.None);
            tokens.Add((await users.Client.SignInAsync(users.ClientId, email, Password, CancellationToken.None)).IdToken);
        }

        // Each run from addresses of its own, so that no run's counts carry into the next's window; first a sixth of a
        // run unmeasured and not kept, so that no run pays for the functions' first (JIT-compiling) requests. A limit of
        // 0 is a run without an abuser.
        const string warmUp = "warm-up";
        var plan = new (string Name, TimeSpan Duration, string? AbuserToken, int AbuserLimit)[]
        {
            (warmUp, sizes.AbuseDuration / 6, null, 0),
            ("none", sizes.AbuseDuration, null, 0),
            ("anonymous address", sizes.AbuseDuration, null, anonymousLimit),
            ("signed-in user", sizes.AbuseDuration, tokens[NormalUsers], userLimit),
        };
        var runs = new List<AbuseRun>();
        var next = 10;
        foreach (var (name, duration, abuserToken, limit) in plan)
        {
            var normal = tokens.Take(NormalUsers).Select(t => Client(app.BaseUrl, next++, t)).ToList();
            using var abuser = limit == 0 ? null : Client(app.BaseUrl, next++, abuserToken);
            var run = await RunAsync(name, duration, normal, abuser, limit * Overload);
            normal.ForEach(c => c.Dispose());
            if (name != warmUp)
                runs.Add(run);
        }
        return new AbuseResult(userLimit, anonymousLimit, NormalUsers, runs);
    }

    private static int Limit(SamTemplate template, string parameter) => int.Parse(template.Parameters![parameter], CultureInfo.InvariantCulture);

    private static HttpClient Client(Uri baseUrl, int address, string? token)
    {
        var client = SourceAddress.Client(baseUrl, SourceAddress.Loopback(address));
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<AbuseRun> RunAsync(string name, TimeSpan duration, IReadOnlyList<HttpClient> normal, HttpClient? abuser, int abuserPerMinute)
    {
        var latency = new Latencies();
        int normalRequests = 0, normalTooMany = 0, normalFailed = 0, abuserRequests = 0, abuserTooMany = 0;
        var started = Stopwatch.GetTimestamp();
        bool Running() => Stopwatch.GetElapsedTime(started) < duration;

        async Task NormalAsync(HttpClient client)
        {
            var api = new TodoHttp(client);
            Guid? mine = null;
            var step = 0;
            while (Running())
            {
                var answer = await latency.TimeAsync(() => (step++ % 4, mine) switch
                {
                    (0, _) or (_, null) => api.CreateAsync("A todo of a normal user"),
                    (1, { } id) => api.UpdateAsync(id, null, true),
                    (2, { } id) => api.GetAsync(id),
                    _ => api.ListAsync("limit=50"),
                });
                Interlocked.Increment(ref normalRequests);
                if (answer.Status == (int)HttpStatusCode.TooManyRequests)
                    Interlocked.Increment(ref normalTooMany);
                else if (!answer.IsSuccess)
                    Interlocked.Increment(ref normalFailed);
                if (answer.Status == (int)HttpStatusCode.Created)
                    mine = answer.Token?.TodoId;
                await Task.Delay(NormalPause);
            }
        }

        // Evenly paced at its rate, each request on its own, whatever the answers take.
        async Task AbuseAsync(HttpClient client)
        {
            var api = new TodoHttp(client);
            var interval = TimeSpan.FromMinutes(1) / abuserPerMinute;
            var sent = new List<Task>();
            for (var i = 0; Running(); i++)
            {
                var due = interval * i - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                    await Task.Delay(due);
                sent.Add(Task.Run(async () =>
                {
                    // The anonymous abuser calls the one route open to it; the signed-in one reads its list.
                    var answer = client.DefaultRequestHeaders.Authorization is null
                        ? await api.OpenApiAsync()
                        : await api.ListAsync("limit=50");
                    Interlocked.Increment(ref abuserRequests);
                    if (answer.Status == (int)HttpStatusCode.TooManyRequests)
                        Interlocked.Increment(ref abuserTooMany);
                }));
            }
            await Task.WhenAll(sent);
        }

        await Task.WhenAll([.. normal.Select(NormalAsync), abuser is null ? Task.CompletedTask : AbuseAsync(abuser)]);
        return new AbuseRun(name, Stopwatch.GetElapsedTime(started), latency, normalRequests, normalTooMany, normalFailed, abuserRequests, abuserTooMany);
    }
}
