using System.Net;
using System.Net.Sockets;
using Todo.Tests.Support;

namespace Todo.Tests.Local;

/// <summary>
/// Locally the API allows the app's own origin, on the port it was given (as PORT gives it to ./run.sh),
/// not the template's default AllowedOrigin. ApiRoutesTests sees the same on a free port (Port 0).
/// </summary>
[Slow]
public sealed class LocalOriginTests(LocalOriginTests.ChosenPortFixture fixture) : IClassFixture<LocalOriginTests.ChosenPortFixture>
{
    private string Origin => $"http://127.0.0.1:{fixture.ChosenPort}";

    /// <summary>The local app on a port that was free just before it started.</summary>
    public sealed class ChosenPortFixture : LocalAppFixture
    {
        public int ChosenPort { get; } = FreePort();

        protected override int Port => ChosenPort;

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    [Fact]
    public async Task A_preflight_allows_the_apps_own_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/todos");
        request.Headers.Add("Origin", Origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");

        var response = await fixture.Http.SendAsync(request);

        Assert.Equal(Origin, fixture.App.Origin);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Commands_queries_and_their_errors_allow_the_apps_own_origin()
    {
        var api = new TodoApi(fixture.Http);

        var answers = new[]
        {
            await api.CreateAsync("Same origin"),
            await api.ListAsync(),
            await api.GetAsync(Guid.NewGuid().ToString()),
            await api.SendAsync(HttpMethod.Post, "/api/todos", "{}"),
        };

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.BadRequest], answers.Select(a => a.Status));
        Assert.All(answers, answer => Assert.Equal(Origin, answer.Header("Access-Control-Allow-Origin")));
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("rebound.attacker.test:3000")]
    public async Task A_request_for_another_host_name_is_refused_whatever_its_path(string host)
    {
        foreach (var path in new[] { "/api/todos", "/_xray/TraceSummaries", "/" })
        {
            using var request = new HttpRequestMessage(path.StartsWith("/_xray", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, path);
            request.Headers.Host = host;

            var response = await fixture.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_app_and_the_API_answer_with_the_security_headers_of_the_templates_CloudFront_policy()
    {
        foreach (var path in new[] { "/", "/api/todos", "/api/todos/not-an-id" })
        {
            var response = await fixture.Http.GetAsync(path);

            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.StartsWith("max-age=63072000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }
}
