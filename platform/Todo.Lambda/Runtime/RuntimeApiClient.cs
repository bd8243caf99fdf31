using Todo.Lambda.Core;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Todo.Lambda.Runtime;

/// <summary>The Lambda Runtime API (<c>2018-06-01</c>) as a custom runtime calls it.</summary>
public sealed class RuntimeApiClient(string address) : IDisposable
{
    /// <summary>The error type header the Runtime API records for an invocation or init error.</summary>
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private static readonly MediaTypeHeaderValue ErrorContentType = new("application/vnd.aws.lambda.error+json");
    private static readonly MediaTypeHeaderValue ResponseContentType = new("application/json");

    // `next` is a long poll that may wait for hours between invocations, so no client timeout.
    private readonly HttpClient http = new() { BaseAddress = new Uri($"http://{address}/2018-06-01/"), Timeout = Timeout.InfiniteTimeSpan };

    public async Task<Invocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("runtime/invocation/next", cancellationToken);
        response.EnsureSuccessStatusCode();
        var headers = response.Headers;
        var context = new LambdaContext(
            Header(headers, "Lambda-Runtime-Aws-Request-Id") ?? throw new InvalidOperationException("The Runtime API sent an invocation without a request id."),
            Header(headers, "Lambda-Runtime-Invoked-Function-Arn") ?? "",
            Header(headers, "Lambda-Runtime-Deadline-Ms") is { } ms
                ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture))
                : DateTimeOffset.MaxValue,
            Header(headers, "Lambda-Runtime-Trace-Id"));
        return new Invocation(context, await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    /// <summary>False when the Runtime API refuses the response as too large (413), which then must be reported as an error.</summary>
    public async Task<bool> RespondAsync(string requestId, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = ResponseContentType;
        using var response = await http.PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken);
        if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
            return false;
        response.EnsureSuccessStatusCode();
        return true;
    }

    public Task ReportInvocationErrorAsync(string requestId, ErrorReport error, CancellationToken cancellationToken) =>
        PostErrorAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);

    public Task ReportInitErrorAsync(ErrorReport error, CancellationToken cancellationToken) =>
        PostErrorAsync("runtime/init/error", error, cancellationToken);

    private async Task PostErrorAsync(string path, ErrorReport error, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, RuntimeJsonContext.Default.ErrorReport));
        content.Headers.ContentType = ErrorContentType;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(ErrorTypeHeader, error.ErrorType);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose() => http.Dispose();
}
