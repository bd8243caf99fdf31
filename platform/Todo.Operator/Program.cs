using Todo.Operator.Cli;

// todoctl: run by ./todoctl from the repository, whose root holds template.yaml and .local/endpoints.json.
var root = Directory.GetCurrentDirectory();
while (!File.Exists(Path.Combine(root, "template.yaml")))
    root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("No template.yaml here or above: run ./todoctl from the repository.");
return await OperatorCli.RunAsync(args, root, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected,
    input: Console.IsInputRedirected ? null : Console.In);
