namespace Todo.Local.Template;

/// <summary>A Lambda authorizer of type REQUEST on <c>$connect</c>: its function and the header its identity source names.</summary>
public sealed record LiveAuthorizerDefinition(string LogicalId, string FunctionId, string IdentityHeader);
