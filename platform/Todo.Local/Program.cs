using Todo.Local;
using Todo.Local.Cognito;
using Todo.LocalStack;

// Runs the whole app locally from the nearest template.yaml at or above the working folder, as sam local does.
var root = Directory.GetCurrentDirectory();
while (!File.Exists(Path.Combine(root, "template.yaml")))
    root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("No template.yaml here or above: run from the repository.");
var inMemory = args.Contains("--in-memory");
// --no-auth runs the classic open API (AuthMode=none): no sign-in, one shared list.
var noAuth = args.Contains("--no-auth");
// --parameter Name=Value, as many as wanted, sets a template parameter as a deploy's overrides do.
var parameters = new Dictionary<string, string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] != "--parameter")
        continue;
    if (i + 1 >= args.Length || args[i + 1].Split('=', 2) is not [{ Length: > 0 } name, var value])
    {
        Console.Error.WriteLine("error: --parameter takes Name=Value.");
        return 2;
    }
    parameters[name] = value;
}
var port = int.TryParse(Environment.GetEnvironmentVariable("PORT"), out var p) ? p : 3000;
var options = new LocalOptions
{
    Root = root,
    Port = port,
    DataFolder = inMemory ? null : Path.Combine(root, ".local", "data"),
    AuthMode = noAuth ? LocalApp.NoAuth : LocalApp.SignIn,
    Parameters = parameters,
    // For ./todoctl: where this stack's DynamoDB, tables and user pool are, while it runs.
    EndpointsFile = Path.Combine(root, LocalEndpoints.RelativePath),
    LogsFolder = Path.Combine(root, ".local", "logs"),
    LogsToConsole = true,
};

// Ctrl-C while starting cancels the start; once started, the web host's console lifetime handles Ctrl-C and SIGTERM.
using var starting = new CancellationTokenSource();
ConsoleCancelEventHandler cancelStart = (_, e) =>
{
    e.Cancel = true;
    starting.Cancel();
};
Console.CancelKeyPress += cancelStart;
try
{
    await using var app = await LocalApp.StartAsync(options, logging => logging
        .AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; })
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None), starting.Token);
    Console.CancelKeyPress -= cancelStart;
    Console.WriteLine($"""
        Todo app running from template.yaml
          UI        {app.BaseUrl}
          API       {new Uri(app.BaseUrl, "api/todos")}
          live      {app.LiveUrl?.ToString() ?? "none (the template has no WebSocket API)"} (management API at {new Uri(app.BaseUrl, "_live/@connections/")}<id>)
          DynamoDB  {app.DynamoDbUrl} ({(inMemory ? "in memory" : "data in " + options.DataFolder)})
          tables    {string.Join(", ", app.Template.Tables.Select(t => t.Create.TableName))}
          traces    {app.Traces.Viewer} (X-Ray API at {new Uri(app.BaseUrl, "_xray")}, daemon udp://{app.Traces.DaemonAddress})
          logs      {options.LogsFolder}/<function>.log
        """);
    Console.WriteLine(app.Users is { } users
        ? $"""
            Cognito   {users.Endpoint} (cognito-local, through the host's proxy), pool {users.UserPoolId}, client {users.ClientId}
            sign in   {LocalUsers.DemoEmail} / {LocalUsers.DemoPassword} (a sign-up's confirmation code is printed here)
          """
        : "  auth      none: the open API, one shared list (--no-auth)");
    Console.WriteLine("Press Ctrl-C to stop.");
    await app.WaitForShutdownAsync();
    Console.WriteLine("Stopping the API, the stream projection and DynamoDB Local.");
    return 0;
}
catch (OperationCanceledException) when (starting.IsCancellationRequested)
{
    return 130;
}
catch (Exception e) when (e is InvalidOperationException or Todo.Local.Template.TemplateException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
