using System.Diagnostics;
using Todo.Tests.Support;

namespace Todo.Tests.Deployment;

/// <summary>What deploy.sh refuses before it touches an account: it stops there, so these run without one.</summary>
public sealed class DeployScriptTests
{
    private static async Task<(int Exit, string Error)> DeployAsync(string? authMode, params string[] args)
    {
        var start = new ProcessStartInfo("bash", ["deploy.sh", .. args]) { WorkingDirectory = Repository.Root, RedirectStandardError = true, RedirectStandardOutput = true };
        if (authMode is not null)
            start.Environment["AUTH_MODE"] = authMode;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await error);
    }

    [Fact]
    public async Task The_open_mode_is_refused_without_its_flag_and_says_what_it_would_deploy()
    {
        var (exit, error) = await DeployAsync("none");

        Assert.NotEqual(0, exit);
        Assert.Contains("without sign-in", error);
        Assert.Contains("--public-api", error);
    }

    [Theory]
    [InlineData("open", new string[0])]
    [InlineData("none", new[] { "--public" })]
    public async Task An_unknown_mode_or_option_is_refused(string authMode, string[] args)
    {
        var (exit, error) = await DeployAsync(authMode, args);

        Assert.NotEqual(0, exit);
        Assert.StartsWith("error:", error);
    }
}
