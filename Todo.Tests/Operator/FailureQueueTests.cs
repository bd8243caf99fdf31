using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Todo.Operator.Target;

namespace Todo.Tests.Operator;

/// <summary>
/// The failure queue's depth as <c>todoctl status</c> reads it in AWS: one GetQueueAttributes in SQS's JSON
/// protocol, answered here on 127.0.0.1 as SQS answers it, so the request and the reading of the answer are checked.
/// </summary>
public sealed class FailureQueueTests
{
    private const string QueueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/todo-ProjectionFailures-AbCdEf";

    [Fact]
    public async Task The_depth_is_one_GetQueueAttributes_of_the_waiting_and_in_flight_counts()
    {
        using var listener = new HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var answered = AnswerOnceAsync(listener, """{"Attributes":{"ApproximateNumberOfMessages":"3","ApproximateNumberOfMessagesNotVisible":"1"}}""");
        using var queue = new FailureQueue(new AmazonSQSClient(new BasicAWSCredentials("test", "test"),
            new AmazonSQSConfig { ServiceURL = $"http://127.0.0.1:{port}", AuthenticationRegion = "eu-west-1", MaxErrorRetry = 0 }), QueueUrl);

        var depth = await queue.DepthAsync(CancellationToken.None);

        Assert.Equal(new FailureQueueDepth(3, 1), depth);
        var (target, body) = await answered;
        Assert.Equal("AmazonSQS.GetQueueAttributes", target);
        Assert.Equal(QueueUrl, body.GetProperty("QueueUrl").GetString());
        Assert.Equal(["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
            body.GetProperty("AttributeNames").EnumerateArray().Select(a => a.GetString()));
    }

    private static async Task<(string? Target, JsonElement Body)> AnswerOnceAsync(HttpListener listener, string answer)
    {
        var context = await listener.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone();
        var bytes = Encoding.UTF8.GetBytes(answer);
        context.Response.ContentType = "application/x-amz-json-1.0";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
        return (context.Request.Headers["X-Amz-Target"], body);
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
