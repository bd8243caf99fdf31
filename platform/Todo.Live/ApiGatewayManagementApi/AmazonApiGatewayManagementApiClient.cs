using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;
using Todo.Lambda.Observability.Tracing;

namespace Todo.Live.ApiGatewayManagementApi;

/// <summary>
/// API Gateway's management API of a WebSocket API's stage (<c>@connections</c>), named as
/// <c>AWSSDK.ApiGatewayManagementApi</c> names it. That package is not in the registry, so this is its REST call
/// over HTTP, signed with the SDK's own SigV4 signer as the project's other SDK-less clients are (service
/// <c>execute-api</c>), and its errors mapped to the SDK's exception types. One attempt per call, no retries: the
/// caller bounds the time with its token. Each call is a span, as <see cref="DynamoDbTracing"/> makes one per SDK call.
/// </summary>
/// <param name="serviceUrl">The stage's URL: <c>https://{api-id}.execute-api.{region}.amazonaws.com/{stage}</c>.</param>
/// <param name="credentials">The caller's; null makes every call fail, as an SDK client finding none would.</param>
public sealed class AmazonApiGatewayManagementApiClient(HttpClient http, Uri serviceUrl, string? region, ImmutableCredentials? credentials)
{
    public const string SigningName = "execute-api";
    public const string SpanName = "ApiGatewayManagementApi";

    /// <summary>The operations' path under the stage, as the service's model gives it.</summary>
    public const string ResourcePath = "/@connections/{connectionId}";

    // Without a trailing slash (a stage's URL as written, "…/prod/"), so that the path sent and the path signed are joined alike.
    private readonly Uri stage = new(serviceUrl.AbsoluteUri.TrimEnd('/'));

    /// <summary>Sends <paramref name="data"/> to the connection as one message.</summary>
    /// <exception cref="GoneException">The connection is gone.</exception>
    public Task PostToConnectionAsync(string connectionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        SendAsync("PostToConnection", HttpMethod.Post, connectionId, data, cancellationToken);

    /// <summary>Closes the connection.</summary>
    /// <exception cref="GoneException">The connection is gone already.</exception>
    public Task DeleteConnectionAsync(string connectionId, CancellationToken cancellationToken) =>
        SendAsync("DeleteConnection", HttpMethod.Delete, connectionId, null, cancellationToken);

    private async Task SendAsync(string operation, HttpMethod method, string connectionId, ReadOnlyMemory<byte>? data, CancellationToken cancellationToken)
    {
        using var span = Tracer.Source.StartActivity(SpanName, ActivityKind.Client);
        span?.SetTag(XRayTags.Operation, operation);
        span?.SetTag(XRayTags.Region, region);
        span?.SetTag(XRayTags.AwsPrefix + "connection_id", connectionId);
        try
        {
            var pathResources = new Dictionary<string, string> { ["{connectionId}"] = connectionId };
            using var request = new HttpRequestMessage(method, new Uri(stage.AbsoluteUri.TrimEnd('/') + AWSSDKUtils.ResolveResourcePathV2(ResourcePath, pathResources)));
            if (data is { } body)
                request.Content = new ReadOnlyMemoryContent(body);
            Sign(request, AWSSDKUtils.CanonicalizeResourcePathV2(stage, ResourcePath, true, pathResources), data ?? ReadOnlyMemory<byte>.Empty, DateTime.UtcNow);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var requestId = RequestId(response);
            span?.SetTag(XRayTags.HttpStatus, (int)response.StatusCode);
            span?.SetTag(XRayTags.RequestId, requestId);
            if (!response.IsSuccessStatusCode)
                throw Error(response, await response.Content.ReadAsStringAsync(cancellationToken), requestId);
        }
        catch (AmazonServiceException e)
        {
            span?.SetTag((int)e.StatusCode >= 500 ? XRayTags.Fault : XRayTags.Error, true);
            if (e is LimitExceededException)
                span?.SetTag(XRayTags.Throttle, true);
            span?.AddException(e);
            throw;
        }
        catch (Exception e)
        {
            Tracer.Fail(span, e);
            throw;
        }
    }

    /// <summary>
    /// SigV4 as the SDK signs a REST call: the path as the SDK makes it, each segment URI-encoded once to send (the
    /// resource path's '@' too) and twice to sign (every service but S3 signs it so), the host, date and session token
    /// headers, and the body's hash.
    /// </summary>
    private void Sign(HttpRequestMessage request, string canonicalPath, ReadOnlyMemory<byte> body, DateTime now)
    {
        if (credentials is null)
            throw new AmazonClientException($"No AWS credentials to sign with: {EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_ACCESSKEY} and {EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_SECRETKEY} are not set.");
        if (string.IsNullOrEmpty(region))
            throw new AmazonClientException($"No region to sign for: {EnvironmentVariableAWSRegion.ENVIRONMENT_VARIABLE_REGION} is not set.");
        var uri = request.RequestUri!;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}",
            ["x-amz-date"] = amzDate,
        };
        request.Headers.Add("X-Amz-Date", amzDate);
        if (!string.IsNullOrEmpty(credentials.Token))
        {
            headers["x-amz-security-token"] = credentials.Token;
            request.Headers.Add("X-Amz-Security-Token", credentials.Token);
        }
        var signedHeaders = string.Join(';', headers.Keys);
        var canonicalRequest = string.Join('\n',
            request.Method.Method,
            canonicalPath,
            "",
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value}\n")),
            signedHeaders,
            Convert.ToHexStringLower(SHA256.HashData(body.Span)));
        var signature = AWS4Signer.ComputeSignature(credentials, region, now, SigningName, signedHeaders, canonicalRequest);
        request.Headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);
    }

    /// <summary>By the error type API Gateway names, else by the status its errors answer with, as the SDK unmarshalls them.</summary>
    private static AmazonApiGatewayManagementApiException Error(HttpResponseMessage response, string body, string? requestId)
    {
        var status = response.StatusCode;
        var code = response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.First().Split(':')[0] : null;
        var message = Message(body) ?? $"The management API answered HTTP {(int)status}.";
        return (code ?? CodeOf(status)) switch
        {
            nameof(GoneException) => new GoneException(message, requestId, status),
            nameof(ForbiddenException) => new ForbiddenException(message, requestId, status),
            nameof(PayloadTooLargeException) => new PayloadTooLargeException(message, requestId, status),
            nameof(LimitExceededException) => new LimitExceededException(message, requestId, status),
            _ => new AmazonApiGatewayManagementApiException(message, code, requestId, status),
        };
    }

    private static string? CodeOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Gone => nameof(GoneException),
        HttpStatusCode.Forbidden => nameof(ForbiddenException),
        HttpStatusCode.RequestEntityTooLarge => nameof(PayloadTooLargeException),
        HttpStatusCode.TooManyRequests => nameof(LimitExceededException),
        _ => null,
    };

    /// <summary>An error's <c>{"message": …}</c> (or <c>Message</c>), if the body is one.</summary>
    private static string? Message(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && (json.RootElement.TryGetProperty("message", out var message) || json.RootElement.TryGetProperty("Message", out message))
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-RequestId", out var ids) || response.Headers.TryGetValues("apigw-requestid", out ids) ? ids.First() : null;
}
