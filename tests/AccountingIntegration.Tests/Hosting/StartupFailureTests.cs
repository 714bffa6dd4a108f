using System.Net;
using System.Net.Sockets;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Hosting;

/// <summary>The service as an operator runs it: a failure to start is one line naming the setting, and an exit code.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private const string StackTraceMarker = "   at ";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ai-start-");

    [Fact]
    public async Task UnknownCommand_PrintsErrorAndCommandList_ExitsOneWithoutServing()
    {
        var outcome = await ServiceProcess.RunAsync(Sqlite(), ["creat-admin"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("Unknown command 'creat-admin'.", outcome.ErrorLines[0]);
        Assert.Contains(outcome.ErrorLines, l => l.StartsWith("create-admin ", StringComparison.Ordinal));
        Assert.DoesNotContain(StackTraceMarker, outcome.StandardOutput + outcome.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DatabaseRefusesConnections_OneLineNamingDatabaseUrl_ExitsTwo()
    {
        // Port 1 on loopback: nothing listens, so the connection is refused at once.
        var outcome = await ServiceProcess.RunAsync(new Dictionary<string, string> { ["DATABASE_URL"] = "mysql://ai_test:ai_test@127.0.0.1:1/ai_test" });

        AssertOneLineFailure(outcome, "DATABASE_URL: ");
    }

    [Fact]
    public async Task Start_UnknownMySqlDatabase_OneLineNamingDatabaseUrl_ExitsTwo()
    {
        var server = new Uri(TestDatabase.MySqlServerUrl);
        var unknown = new UriBuilder(server) { Path = "/" + Unique.Slug("nodb").Replace('-', '_') }.Uri.ToString();

        var outcome = await ServiceProcess.RunAsync(new Dictionary<string, string> { ["DATABASE_URL"] = unknown });

        AssertOneLineFailure(outcome, "DATABASE_URL: ");
    }

    [Fact]
    public async Task Start_SqliteFolderCannotBeCreated_OneLineNamingDatabaseUrl_ExitsTwo()
    {
        // A file where the folder should be: refused whoever runs the tests, root included.
        var file = Path.Combine(_folder.FullName, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");

        var outcome = await ServiceProcess.RunAsync(new Dictionary<string, string> { ["DATABASE_URL"] = $"sqlite:///{file}/data/accounting.db" });

        AssertOneLineFailure(outcome, "DATABASE_URL: cannot create the SQLite folder");
    }

    [Fact]
    public async Task Start_PortInUse_OneLineNamingPort_ExitsTwo()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var outcome = await ServiceProcess.RunAsync(Sqlite(new() { ["PORT"] = $"{port}", ["BIND_ADDRESS"] = "127.0.0.1" }));

        AssertOneLineFailure(outcome, "PORT: ");
        Assert.Contains($":{port}", outcome.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownLogLevelAndEnvironment_RefusedLikeOtherSettings_ExitsTwo()
    {
        var outcome = await ServiceProcess.RunAsync(Sqlite(new() { ["LOG_LEVEL"] = "verbose", ["ENVIRONMENT"] = "prod" }));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("- ENVIRONMENT: 'prod' is not one of production, development, staging.", outcome.ErrorLines);
        Assert.Contains("- LOG_LEVEL: 'verbose' is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL.", outcome.ErrorLines);
        Assert.DoesNotContain(StackTraceMarker, outcome.StandardOutput + outcome.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("your-client-id", "your-client-secret")]
    [InlineData("changeme", "xxx")]
    public async Task Start_PlaceholderQboKeysInProduction_RefusedWithoutEchoingThem_ExitsTwo(string clientId, string clientSecret)
    {
        var outcome = await ServiceProcess.RunAsync(Sqlite(new()
        {
            ["ENVIRONMENT"] = "production",
            ["QBO_ENVIRONMENT"] = "production",
            ["QBO_CLIENT_ID"] = clientId,
            ["QBO_CLIENT_SECRET"] = clientSecret,
        }));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(outcome.ErrorLines, l => l.StartsWith("- QBO_CLIENT_ID: looks like a placeholder", StringComparison.Ordinal));
        Assert.Contains(outcome.ErrorLines, l => l.StartsWith("- QBO_CLIENT_SECRET: looks like a placeholder", StringComparison.Ordinal));
        Assert.DoesNotContain(clientId, outcome.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(StackTraceMarker, outcome.StandardOutput + outcome.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_EmptyQboKeysInProduction_RefusedAsRequired_ExitsTwo()
    {
        var outcome = await ServiceProcess.RunAsync(Sqlite(new()
        {
            ["ENVIRONMENT"] = "production",
            ["QBO_ENVIRONMENT"] = "production",
            ["QBO_CLIENT_ID"] = "",
            ["QBO_CLIENT_SECRET"] = " ",
        }));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("- QBO_CLIENT_ID: is required when QBO_ENVIRONMENT is production.", outcome.ErrorLines);
        Assert.Contains("- QBO_CLIENT_SECRET: is required when QBO_ENVIRONMENT is production.", outcome.ErrorLines);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static void AssertOneLineFailure(ServiceProcess.Outcome outcome, string expectedStart)
    {
        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.StartsWith(expectedStart, line, StringComparison.Ordinal);
        Assert.DoesNotContain(StackTraceMarker, outcome.StandardOutput + outcome.StandardError, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Sqlite(Dictionary<string, string>? settings = null)
    {
        settings ??= [];
        settings.TryAdd("DATABASE_URL", $"sqlite:///{_folder.FullName}/service.db");
        return settings;
    }
}
