using Todo.Lambda.Observability;
using Todo.Lambda.Settings;

namespace Todo.Lambda;

/// <summary>
/// The handlers one executable serves, by the name a template's <c>Handler</c> gives them, and how one is
/// built: the function's settings parsed from its environment and what its handler needs composed from them,
/// once, as the function starts (so a bad setting fails the start, never a request), then the handler with
/// telemetry of its own.
/// </summary>
public sealed class FunctionCatalog
{
    private readonly IReadOnlyCollection<string> handlers;
    private readonly Func<string, FunctionServices, ILambdaFunction> create;

    private FunctionCatalog(IReadOnlyCollection<string> handlers, Func<string, FunctionServices, ILambdaFunction> create)
    {
        this.handlers = handlers;
        this.create = create;
    }

    /// <param name="compose">Parses the executable's settings and builds what its handlers are made of.</param>
    /// <param name="handlers">Each handler, made of the composed parts and its telemetry.</param>
    public static FunctionCatalog Of<TParts>(
        Func<SettingsReader, FunctionServices, TParts> compose,
        IReadOnlyDictionary<string, Func<TParts, FunctionTelemetry, ILambdaFunction>> handlers) =>
        new([.. handlers.Keys], (handler, services) =>
        {
            var settings = new SettingsReader(services.Environment);
            var observability = ObservabilitySettings.From(settings);
            var parts = compose(settings, services);
            return handlers[handler](parts, new FunctionTelemetry(handler, observability, services.LogOutput));
        });

    public IEnumerable<string> Handlers => handlers;

    public bool Contains(string handler) => handlers.Contains(handler);

    public ILambdaFunction Create(string handler, FunctionServices services) =>
        Contains(handler)
            ? create(handler, services)
            : throw new InvalidOperationException($"No handler named '{handler}'. Known: {string.Join(", ", handlers)}.");
}
