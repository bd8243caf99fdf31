using Todo.Lambda.Core;

namespace Todo.Lambda;

/// <summary>
/// A Lambda function as the Runtime API sees it: JSON bytes in, JSON bytes out. The same
/// instance serves the Runtime API loop in AWS and the local host, so both speak the wire format.
/// </summary>
public interface ILambdaFunction
{
    Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken cancellationToken);
}
