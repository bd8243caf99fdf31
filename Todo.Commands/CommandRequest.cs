using Todo.Commands.Idempotency;
using Todo.Domain.Commands;

namespace Todo.Commands;

/// <summary>
/// A command with what the HTTP request adds to it: who sent it, the version it expects (If-Match), its
/// idempotency claim, and the trace header its events keep.
/// </summary>
public sealed record CommandRequest(
    Guid TodoId,
    TodoCommand Command,
    string CommandId,
    long? ExpectedVersion,
    IdempotencyClaim? Idempotency,
    string? TraceHeader = null);
