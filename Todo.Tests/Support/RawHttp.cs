using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Todo.Tests.Support;

/// <summary>
/// An HTTP/1.1 request written byte for byte, for what HttpClient will not send: a header line
/// given twice (HttpClient joins repeated values into one line), or a body on any method.
/// </summary>
public static class RawHttp
{
    public sealed record Answer(int Status, string Body)
    {
        /// <summary>The names in the answer's <c>errors</c> map; empty when it has none.</summary>
        public IReadOnlyList<string> ErrorNames()
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("errors", out var errors)
                ? errors.EnumerateObject().Select(e => e.Name).ToList()
                : [];
        }
    }

    /// <param name="headers">Sent in this order, a name that repeats on a line of its own each time.</param>
    public static async Task<Answer> SendAsync(Uri server, string method, string path, IEnumerable<(string Name, string Value)> headers, byte[]? body)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var head = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
            head.Append($"{name}: {value}\r\n");
        if (body is not null)
            head.Append($"Content-Length: {body.Length}\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        if (body is not null)
            await stream.WriteAsync(body);

        using var received = new MemoryStream();
        await stream.CopyToAsync(received);
        return Parse(received.ToArray());
    }

    private static Answer Parse(byte[] response)
    {
        var end = response.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
            throw new InvalidDataException($"Not an HTTP response: {Encoding.UTF8.GetString(response)}");
        var lines = Encoding.ASCII.GetString(response, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1]);
        var body = response.AsSpan(end + 4);
        var chunked = lines.Skip(1).Any(l => l.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && l.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        return new Answer(status, Encoding.UTF8.GetString(chunked ? Dechunk(body) : body.ToArray()));
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> body)
    {
        var decoded = new MemoryStream();
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body[..lineEnd]).Split(';')[0].Trim(), 16);
            if (size == 0)
                return decoded.ToArray();
            decoded.Write(body.Slice(lineEnd + 2, size));
            body = body[(lineEnd + 2 + size + 2)..];
        }
    }
}
