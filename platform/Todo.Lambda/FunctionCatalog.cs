namespace Todo.Lambda;

/// <summary>The handlers one executable serves, by the name a template's <c>Handler</c> gives them.</summary>
public sealed class FunctionCatalog(IReadOnlyDictionary<string, Func<FunctionServices, ILambdaFunction>> handlers)
{
    public IEnumerable<string> Handlers => handlers.Keys;

    public bool Contains(string handler) => handlers.ContainsKey(handler);

    public ILambdaFunction Create(string handler, FunctionServices services) =>
        handlers.TryGetValue(handler, out var create)
            ? create(services with { Handler = handler })
            : throw new InvalidOperationException($"No handler named '{handler}'. Known: {string.Join(", ", handlers.Keys)}.");
}
