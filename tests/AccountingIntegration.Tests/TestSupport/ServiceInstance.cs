using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// The built service as a long-running child process with exactly the environment it is given (as a
/// container gets it), on a loopback port of its own; killed on dispose. What it printed is kept for failures.
/// </summary>
/// <remarks>
/// The process binds port 0 and the port is read from Kestrel's "Now listening on" line. A port chosen by the test and
/// released for the child to bind could be taken first by a service another test starts in-process on port 0, which
/// would then answer this instance's requests.
/// </remarks>
internal sealed partial class ServiceInstance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    /// <summary>The port the process bound, or null when its output ended without one (it exited).</summary>
    private readonly TaskCompletionSource<int?> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceInstance(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Read(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; private set; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the service with <paramref name="environment"/> on a port it binds itself and waits until /health/live answers.</summary>
    public static async Task<ServiceInstance> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var instance = new ServiceInstance(Process.Start(Dotnet(environment))!);
        try
        {
            var port = await instance._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            if (port is null)
            {
                await instance._process.WaitForExitAsync();
                Assert.Fail($"The service exited at start: {instance.Output}");
            }

            instance.Port = port.Value;
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{instance.Port}"), Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.GetAsync(async () => instance.HasExited || await AnswersAsync(client), up => up, TimeSpan.FromSeconds(60));
            Assert.False(instance.HasExited, $"The service exited at start: {instance.Output}");
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a command of the service (<c>migrate</c>…) with <paramref name="environment"/> to its end.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(IReadOnlyDictionary<string, string> environment, string command)
    {
        var start = Dotnet(environment);
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }

    private int _disposed;

    /// <summary>Kills the process (a container stopped hard); safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo Dotnet(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        // Only what a container would have: none of the test runner's own settings leak in.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        // An explicit listening URL wins over PORT and BIND_ADDRESS; Kestrel logs the port it bound at any LOG_LEVEL.
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        return start;
    }

    private static async Task<bool> AnswersAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync("/health/live");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            _listening.TrySetResult(null);
            return;
        }

        Append(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Kestrel's line, plain or inside a JSON log line.</summary>
    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
