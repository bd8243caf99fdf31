using System.Collections;
using Amazon.DynamoDBv2;
using Todo.Lambda.Observability.Tracing;

namespace Todo.Lambda.Runtime;

/// <summary>
/// A custom runtime's main loop: build the handler <c>_HANDLER</c> names once, then take invocations
/// from the Runtime API one at a time and post back each one's response or error.
/// </summary>
public static class LambdaRuntime
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string HandlerVariable = "_HANDLER";
    /// <summary>AWS SDKs read it to pass the trace on (and for recursion detection), so it must be the current invocation's.</summary>
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    /// <summary>
    /// A function executable's <c>Main</c>: the process environment, and a DynamoDB client configured by it as
    /// in Lambda, its calls traced (the tracing hook must be in place before a client is built).
    /// </summary>
    public static Task<int> RunAsync(FunctionCatalog catalog)
    {
        DynamoDbTracing.Register();
        return RunAsync(catalog, ProcessEnvironment(), environment => new FunctionServices(environment, new AmazonDynamoDBClient()), CancellationToken.None);
    }

    /// <returns>The process exit code: 0 when cancelled, non-zero when the function could not start.</returns>
    public static async Task<int> RunAsync(
        FunctionCatalog catalog,
        IReadOnlyDictionary<string, string> environment,
        Func<IReadOnlyDictionary<string, string>, FunctionServices> services,
        CancellationToken cancellationToken)
    {
        if (environment.GetValueOrDefault(RuntimeApiVariable) is not { Length: > 0 } address)
        {
            await Console.Error.WriteLineAsync($"{RuntimeApiVariable} is not set: this program runs in AWS Lambda or against a Runtime API emulator.");
            return 2;
        }
        using var client = new RuntimeApiClient(address);
        ILambdaFunction function;
        try
        {
            function = catalog.Create(environment.GetValueOrDefault(HandlerVariable) ?? "", services(environment));
        }
        catch (Exception e)
        {
            var report = ErrorReport.From(e);
            RuntimeLog.Error(null, report);
            await client.ReportInitErrorAsync(report, cancellationToken);
            return 1;
        }

        while (true)
        {
            Invocation invocation;
            try
            {
                invocation = await client.NextAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
            Environment.SetEnvironmentVariable(TraceIdVariable, invocation.Context.TraceId);
            try
            {
                await InvokeAsync(client, function, invocation, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped while answering: a shutdown, not a failure of the loop.
                return 0;
            }
        }
    }

    private static async Task InvokeAsync(RuntimeApiClient client, ILambdaFunction function, Invocation invocation, CancellationToken cancellationToken)
    {
        var context = invocation.Context;
        byte[] response;
        try
        {
            // The handler's own calls give up at the deadline rather than run into Lambda's timeout.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (context.Deadline != DateTimeOffset.MaxValue)
                deadline.CancelAfter(Clamp(context.Deadline - DateTimeOffset.UtcNow));
            response = await function.InvokeAsync(invocation.Payload, context, deadline.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The function's telemetry has logged the exception, once, with its invocation's keys.
            await client.ReportInvocationErrorAsync(context.AwsRequestId, ErrorReport.From(e), cancellationToken);
            return;
        }
        if (!await client.RespondAsync(context.AwsRequestId, response, cancellationToken))
        {
            var report = new ErrorReport($"The response of {response.Length} bytes is larger than Lambda accepts.", "Function.ResponseSizeTooLarge", []);
            RuntimeLog.Error(context, report);
            await client.ReportInvocationErrorAsync(context.AwsRequestId, report, cancellationToken);
        }
    }

    /// <summary>A timer takes at most about 49 days, and nothing below zero.</summary>
    private static TimeSpan Clamp(TimeSpan remaining) =>
        remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining > TimeSpan.FromDays(30) ? TimeSpan.FromDays(30) : remaining;

    private static Dictionary<string, string> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? "");
}
