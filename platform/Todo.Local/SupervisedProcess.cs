using System.Diagnostics;

namespace Todo.Local;

/// <summary>
/// A child process the host keeps serving, as a process manager would: when it dies it is started again at
/// once by the same launch (the same port and the same data), and again half a second after each start that
/// failed, until the host stops it, so the app recovers by itself. DynamoDB Local and cognito-local are run so.
/// </summary>
public sealed class SupervisedProcess : IAsyncDisposable
{
    /// <summary>Between starts that failed, so one that cannot start (its port taken, say) is not tried in a busy loop.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly string name;
    private readonly Uri serviceUrl;
    private readonly Func<CancellationToken, Task<Process>> launch;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task supervision;
    private Process process;

    /// <param name="name">What the log lines call it.</param>
    /// <param name="serviceUrl">Where it serves, again after each restart.</param>
    /// <param name="process">Its first process, serving already.</param>
    /// <param name="launch">
    /// Starts it again and completes once it serves; an <see cref="InvalidOperationException"/> says this start failed, and the
    /// next is tried after the same pause.
    /// </param>
    public SupervisedProcess(string name, Uri serviceUrl, Process process, Func<CancellationToken, Task<Process>> launch, ILogger logger)
    {
        this.name = name;
        this.serviceUrl = serviceUrl;
        this.process = process;
        this.launch = launch;
        this.logger = logger;
        supervision = Task.Run(SuperviseAsync);
    }

    /// <summary>How many times it has been started again after it died.</summary>
    public int Restarts { get; private set; }

    /// <summary>Its process id, which changes when it is started again.</summary>
    public int ProcessId => process.Id;

    /// <summary>Waits for the process to die, and starts it again, until the host stops.</summary>
    private async Task SuperviseAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await process.WaitForExitAsync(stopping.Token);
                logger.LogWarning("{Name} exited with code {ExitCode}; starting it again on {Url}", name, process.ExitCode, serviceUrl);
                while (true)
                {
                    try
                    {
                        // The dead one is kept until it is replaced, so that stopping meanwhile finds a process to dispose.
                        var dead = process;
                        process = await launch(stopping.Token);
                        dead.Dispose();
                        Restarts++;
                        logger.LogWarning("{Name} is serving again on {Url}", name, serviceUrl);
                        break;
                    }
                    catch (InvalidOperationException e)
                    {
                        logger.LogWarning("{Name} did not start again yet: {Error}", name, e.Message);
                        await Task.Delay(RetryDelay, stopping.Token);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await supervision;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        stopping.Dispose();
    }
}
