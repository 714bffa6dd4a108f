using System.Diagnostics;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// The built service run as a real child process (<c>dotnet AccountingIntegration.dll</c>) with settings as
/// environment variables, for what only a process shows: its exit code and what it prints.
/// </summary>
public static class ServiceProcess
{
    /// <summary>Variables the test runner may carry that would change what the child does.</summary>
    private static readonly string[] Inherited =
        ["ENVIRONMENT", "DATABASE_URL", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "PORT", "LOG_LEVEL"];

    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError)
    {
        public string[] ErrorLines => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Runs to its end, or kills it after <paramref name="timeout"/> and fails: a failing start must not hang.</summary>
    /// <param name="settings">Environment variables, over the production-grade secrets of <see cref="TestService.DefaultSettings"/>.</param>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="timeout">How long the process may take; 30 seconds unless told.</param>
    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string> settings, string[]? args = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(settings, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The service did not exit; it printed: {await error}");
        }

        return new Outcome(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Runs the process and kills it (SIGKILL: no clean-up runs) as soon as <paramref name="killWhen"/> holds, as a crash
    /// or an operator's kill -9 would; true when it was killed, false when it ended first.
    /// </summary>
    public static async Task<bool> KillWhenAsync(IReadOnlyDictionary<string, string> settings, string[] args, Func<Task<bool>> killWhen, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(settings, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        var killed = false;
        while (!process.HasExited)
        {
            deadline.Token.ThrowIfCancellationRequested();
            if (await killWhen())
            {
                process.Kill(entireProcessTree: true);
                killed = true;
                break;
            }

            await Task.Delay(20, deadline.Token);
        }

        await process.WaitForExitAsync(deadline.Token);
        await Task.WhenAll(output, error);
        return killed;
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> settings, string[]? args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args ?? [])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in Inherited)
        {
            start.Environment.Remove(name);
        }

        foreach (var (key, value) in TestService.DefaultSettings.Where(p => p.Key != "environment").Concat(settings))
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
