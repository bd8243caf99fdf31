using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime.Internal.Auth;

namespace Todo.Local.Streams;

/// <summary>
/// The DynamoDB Streams API as the event source mapping uses it (DescribeStream, GetShardIterator,
/// GetRecords): JSON 1.0 over HTTP, signed with SigV4. Records stay JSON, as Lambda passes them on.
/// </summary>
public sealed class DynamoDbStreamsClient(HttpClient http, Uri endpoint, string region, string accessKey, string secretKey)
{
    private const string Service = "dynamodb";
    private const string ContentType = "application/x-amz-json-1.0";

    public async Task<List<Shard>> DescribeShardsAsync(string streamArn, CancellationToken cancellationToken)
    {
        var shards = new List<Shard>();
        string? startShard = null;
        do
        {
            var request = new JsonObject { ["StreamArn"] = streamArn };
            if (startShard is not null)
                request["ExclusiveStartShardId"] = startShard;
            var description = (await CallAsync("DescribeStream", request, cancellationToken))["StreamDescription"]!;
            foreach (var shard in description["Shards"]?.AsArray() ?? [])
                shards.Add(new Shard((string)shard!["ShardId"]!, (string?)shard["ParentShardId"]));
            startShard = (string?)description["LastEvaluatedShardId"];
        } while (startShard is not null);
        return shards;
    }

    /// <param name="type">TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER.</param>
    public async Task<string?> GetShardIteratorAsync(string streamArn, string shardId, string type, string? sequenceNumber, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["StreamArn"] = streamArn, ["ShardId"] = shardId, ["ShardIteratorType"] = type };
        if (sequenceNumber is not null)
            request["SequenceNumber"] = sequenceNumber;
        return (string?)(await CallAsync("GetShardIterator", request, cancellationToken))["ShardIterator"];
    }

    /// <returns>The records, and the iterator to read on with: null once a closed shard is read to its end.</returns>
    public async Task<(JsonArray Records, string? NextIterator)> GetRecordsAsync(string iterator, int limit, CancellationToken cancellationToken)
    {
        var response = await CallAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator, ["Limit"] = limit }, cancellationToken);
        return (response["Records"]?.AsArray() ?? [], (string?)response["NextShardIterator"]);
    }

    private async Task<JsonObject> CallAsync(string operation, JsonObject body, CancellationToken cancellationToken)
    {
        var payload = body.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(payload, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        Sign(request, operation, payload, DateTime.UtcNow);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new StreamsApiException(operation, (int)response.StatusCode, text);
        return JsonNode.Parse(text)?.AsObject() ?? throw new StreamsApiException(operation, (int)response.StatusCode, text);
    }

    private void Sign(HttpRequestMessage request, string operation, string payload, DateTime now)
    {
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var target = "DynamoDBStreams_20120810." + operation;
        var host = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}";
        request.Headers.Add("X-Amz-Date", amzDate);
        request.Headers.Add("X-Amz-Target", target);
        const string signedHeaders = "content-type;host;x-amz-date;x-amz-target";
        var canonicalRequest = string.Join('\n',
            "POST", "/", "",
            "content-type:" + ContentType, "host:" + host, "x-amz-date:" + amzDate, "x-amz-target:" + target, "",
            signedHeaders,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload))));
        var signature = AWS4Signer.ComputeSignature(accessKey, secretKey, region, now, Service, signedHeaders, canonicalRequest);
        request.Headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);
    }
}

public sealed record Shard(string ShardId, string? ParentShardId);

public sealed class StreamsApiException(string operation, int status, string body)
    : Exception($"DynamoDB Streams {operation} failed with HTTP {status}: {body}")
{
    /// <summary>The iterator has expired or its records were trimmed: get a new one.</summary>
    public bool IsExpiredIterator => body.Contains("ExpiredIteratorException", StringComparison.Ordinal) || body.Contains("TrimmedDataAccessException", StringComparison.Ordinal);
}
