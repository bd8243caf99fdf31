using System.CommandLine;
using Amazon.Runtime;
using Todo.Operator.Target;

namespace Todo.Operator.Cli;

/// <summary>What every verb shares: its stack resolved and disposed, its output chosen, and errors turned into exit codes.</summary>
public sealed class VerbAction(GlobalOptions options, TextWriter output, TextWriter error, bool interactive)
{
    /// <summary>Done, nothing left to report.</summary>
    public const int Ok = 0;

    /// <summary>Done, but something is still wrong: differences not repaired, a redrive that failed again.</summary>
    public const int Unresolved = 1;

    /// <summary>Not done: the stack cannot be reached or the request makes no sense.</summary>
    public const int Failed = 2;

    /// <summary>Stopped by Ctrl-C between two steps, each of which was finished.</summary>
    public const int Interrupted = 130;

    public GlobalOptions Options => options;

    public Func<ParseResult, CancellationToken, Task<int>> Run(Func<ParseResult, OperatorTarget, Output, CancellationToken, Task<int>> verb) =>
        async (parse, cancellationToken) =>
        {
            var answer = new Output(output, parse.GetValue(options.Json), interactive);
            try
            {
                using var target = await options.TargetAsync(parse, cancellationToken);
                return await verb(parse, target, answer, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync("Stopped; every step that had begun was finished or not written at all.");
                return Interrupted;
            }
            catch (OperatorException e)
            {
                await error.WriteLineAsync("error: " + e.Message);
                return Failed;
            }
            catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException)
            {
                await error.WriteLineAsync($"error: DynamoDB: {e.Message}");
                return Failed;
            }
        };

    /// <summary>A todo id option's value, or a clear error.</summary>
    public static Guid TodoId(string? text) =>
        Guid.TryParse(text, out var id) ? id : throw new OperatorException($"'{text}' is not a todo id (a UUID).");
}
