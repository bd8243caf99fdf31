using System.CommandLine;
using Amazon.Runtime;
using Todo.Operator.Target;

namespace Todo.Operator.Cli;

/// <summary>What every verb shares: its stack resolved and disposed, its output chosen, and errors turned into exit codes.</summary>
/// <param name="input">Where a confirmation is read from; null when nobody can answer (input redirected).</param>
public sealed class VerbAction(GlobalOptions options, TextWriter output, TextWriter error, bool interactive, TextReader? input)
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

    /// <param name="writes">Whether this use of the verb writes; one that writes to a deployed stack asks first, unless --yes.</param>
    public Func<ParseResult, CancellationToken, Task<int>> Run(Func<ParseResult, OperatorTarget, Output, CancellationToken, Task<int>> verb, Func<ParseResult, bool>? writes = null) =>
        async (parse, cancellationToken) =>
        {
            var answer = new Output(output, parse.GetValue(options.Json), interactive);
            try
            {
                if (writes?.Invoke(parse) == true && options.Deployed(parse) && !parse.GetValue(options.Yes) && !await ConfirmedAsync(parse, cancellationToken))
                    return Failed;
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
                await error.WriteLineAsync($"error: AWS: {e.Message}");
                return Failed;
            }
        };

    /// <summary>Asks on the terminal before a deployed stack is written to; without one, says how to go on.</summary>
    private async Task<bool> ConfirmedAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var what = $"todoctl {string.Join(' ', parse.Tokens.Select(t => t.Value))}";
        if (input is null)
        {
            await error.WriteLineAsync($"error: {what} writes to the deployed stack {parse.GetValue(options.Stack)}: run it from a terminal to be asked, or add --yes. Nothing was written.");
            return false;
        }
        await error.WriteAsync($"{what} writes to the deployed stack {parse.GetValue(options.Stack)} in {parse.GetValue(options.Region)}. Type yes to go on: ");
        if (string.Equals((await input.ReadLineAsync(cancellationToken))?.Trim(), "yes", StringComparison.Ordinal))
            return true;
        await error.WriteLineAsync("Not confirmed; nothing was written.");
        return false;
    }

    /// <summary>A todo id option's value, or a clear error.</summary>
    public static Guid TodoId(string? text) =>
        Guid.TryParse(text, out var id) ? id : throw new OperatorException($"'{text}' is not a todo id (a UUID).");
}
