using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Data;
using QboSandbox;

namespace AccountingIntegration.Infrastructure.QuickBooks.LocalSandbox;

/// <summary>
/// Runs the local QBO sandbox inside this process (LOCAL_QBO_SANDBOX, on by default in
/// Development with QBO_ENVIRONMENT=local) on its own loopback port, before the service starts
/// listening, so the connect-and-invoice flow works with no Intuit account.
/// </summary>
internal sealed partial class LocalSandboxHost(
    QboOptions options, HttpOptions http, DatabaseOptions database, TimeProvider time, ILogger<LocalSandboxHost> logger) : IHostedLifecycleService
{
    private QboSandboxServer? _server;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!options.HostLocalSandbox)
        {
            return;
        }

        // Its state lives beside the service's data, so a restart keeps the companies and the tokens
        // of organizations that connected to them.
        var sandboxOptions = new SandboxOptions { StateFile = options.LocalSandboxStateFile ?? DefaultStateFile(database) };
        // The service's own callback is registered explicitly, whatever host name it is reached by.
        sandboxOptions.Apps[0].RedirectUris.Add(options.RedirectUri.ToString());
        _server = await QboSandboxServer.StartAsync(sandboxOptions, $"http://127.0.0.1:{options.LocalSandboxPort}", time, cancellationToken);
        LogStarted(logger, _server.BaseUrl, new Uri(http.ApiBaseUrl, "/api/health"), sandboxOptions.StateFile);
    }

    /// <summary>Beside a SQLite database file; under ./data for a server database.</summary>
    internal static string DefaultStateFile(DatabaseOptions database) =>
        Path.Combine(
            database.Url.Provider == DatabaseProvider.Sqlite ? Path.GetDirectoryName(database.Url.DatabaseName)! : Path.GetFullPath("data"),
            "qbo-sandbox.json");

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Local QBO sandbox running at {SandboxUrl} (control API: /_sandbox/companies, state in {StateFile}); service health at {HealthUrl}")]
    private static partial void LogStarted(ILogger logger, Uri sandboxUrl, Uri healthUrl, string stateFile);
}
