using Todo.Lambda.Core;
namespace Todo.Lambda.Runtime;

/// <summary>One event from <c>GET /runtime/invocation/next</c>: what the headers say about it, and its raw body.</summary>
public sealed record Invocation(LambdaContext Context, ReadOnlyMemory<byte> Payload);
