using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Todo.Local.Cognito;

/// <summary>
/// The Cognito endpoint the web app, the tests and tools call (<c>/config.json</c>, <c>.local/endpoints.json</c>): a
/// proxy on 127.0.0.1 that passes every request to cognito-local, and its answer back, as they are, but answers
/// what Cognito refuses and cognito-local would take (<see cref="GeneratedSub"/>) with Cognito's error. A request
/// that got no answer (cognito-local died, or is being started again) is sent again for up to
/// <see cref="EngineWait"/>, as the AWS SDKs retry one, so a sign-in meanwhile waits rather than fails.
/// </summary>
public sealed class CognitoProxy : IAsyncDisposable
{
    /// <summary>Several times what cognito-local takes to start again, so only an engine that cannot start is answered 503.</summary>
    public static readonly TimeSpan EngineWait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    /// <summary>Each connection's own (RFC 9110 §7.6.1): never passed on.</summary>
    private static readonly HashSet<string> HopByHop = new(["Connection", "Keep-Alive", "Proxy-Connection", "TE", "Transfer-Encoding", "Upgrade"], StringComparer.OrdinalIgnoreCase);

    private readonly WebApplication web;
    private readonly HttpClient http;

    private CognitoProxy(WebApplication web, HttpClient http, Uri url)
    {
        this.web = web;
        this.http = http;
        Url = url;
    }

    /// <summary><c>http://127.0.0.1:port/</c>, on a free port.</summary>
    public Uri Url { get; }

    /// <param name="engine">cognito-local's own endpoint.</param>
    public static async Task<CognitoProxy> StartAsync(Uri engine, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var web = builder.Build();
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        web.Run(context => ForwardAsync(context, http, engine));
        try
        {
            await web.StartAsync(cancellationToken);
        }
        catch
        {
            await web.DisposeAsync();
            http.Dispose();
            throw;
        }
        var bound = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new CognitoProxy(web, http, new Uri(bound, "/"));
    }

    private static async Task ForwardAsync(HttpContext context, HttpClient http, Uri engine)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        if (GeneratedSub.Refusal(request.Headers["X-Amz-Target"].ToString(), body) is { } refusal)
        {
            await AnswerErrorAsync(context.Response, HttpStatusCode.BadRequest, refusal.Type, refusal.Message);
            return;
        }

        var target = new Uri(engine, request.Path.ToUriComponent() + request.QueryString.ToUriComponent());
        var waitUntil = DateTime.UtcNow + EngineWait;
        while (true)
        {
            using var forwarded = new HttpRequestMessage(new HttpMethod(request.Method), target);
            if (body.Length > 0)
                forwarded.Content = new ByteArrayContent(body);
            // Host names the proxy, and the length is the forwarded body's own.
            foreach (var (name, values) in request.Headers.Where(h => !HopByHop.Contains(h.Key) && h.Key is not ("Host" or "Content-Length")))
            {
                if (!forwarded.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                    forwarded.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
            try
            {
                using var answer = await http.SendAsync(forwarded, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
                context.Response.StatusCode = (int)answer.StatusCode;
                foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
                    context.Response.Headers[name] = values.ToArray();
                await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
                return;
            }
            catch (HttpRequestException) when (!context.Response.HasStarted && DateTime.UtcNow < waitUntil)
            {
                context.Response.Clear();
                await Task.Delay(RetryPause, context.RequestAborted);
            }
            catch (HttpRequestException) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await AnswerErrorAsync(context.Response, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "cognito-local is not serving.");
                return;
            }
        }
    }

    /// <summary>An error as Cognito answers one (JSON 1.1): its type in <c>x-amzn-ErrorType</c> and <c>__type</c>, and a message.</summary>
    private static Task AnswerErrorAsync(HttpResponse response, HttpStatusCode status, string type, string message)
    {
        response.StatusCode = (int)status;
        response.ContentType = "application/x-amz-json-1.1";
        response.Headers["x-amzn-ErrorType"] = type;
        // Every origin, as cognito-local answers: a page reads this refusal as it reads cognito-local's own.
        response.Headers.AccessControlAllowOrigin = "*";
        return response.WriteAsync(new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await web.StopAsync();
        await web.DisposeAsync();
        http.Dispose();
    }
}
