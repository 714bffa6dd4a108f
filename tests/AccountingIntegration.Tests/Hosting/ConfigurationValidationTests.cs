using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Hosting;

public sealed class ConfigurationValidationTests
{
    [Fact]
    public void BuildApp_ProductionWithoutSecrets_ListsEveryMissingVariable()
    {
        var problems = Problems(new Dictionary<string, string> { ["environment"] = "Production" });

        Assert.Contains(problems, p => p.StartsWith("ENCRYPTION_KEY: is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("JWT_SECRET: is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("OAUTH_STATE_SECRET: is required", StringComparison.Ordinal));
        // Outside Development the default QBO environment is Intuit's sandbox, which needs an app.
        Assert.Contains(problems, p => p.StartsWith("QBO_CLIENT_ID: is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("QBO_CLIENT_SECRET: is required", StringComparison.Ordinal));
    }

    [Fact]
    public void BuildApp_ProductionWithPlaceholderSecrets_RefusesThemWithoutEchoingThem()
    {
        var placeholder = "change-me-change-me-change-me-change-me-12345";
        var settings = new Dictionary<string, string>(TestService.DefaultSettings)
        {
            ["environment"] = "Production",
            ["ENCRYPTION_KEY"] = placeholder,
            ["JWT_SECRET"] = "short",
            ["OAUTH_STATE_SECRET"] = new string('a', 40),
        };

        var problems = Problems(settings);

        Assert.Contains(problems, p => p.StartsWith("ENCRYPTION_KEY: looks like a placeholder", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("JWT_SECRET: is too short (5 characters)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("OAUTH_STATE_SECRET: looks like a placeholder", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains(placeholder, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("DATABASE_URL", "postgres://x@y/z", "DATABASE_URL: must start with sqlite:// or mysql://.")]
    [InlineData("DATABASE_URL", "mysql://user:pw@host:3306/", "DATABASE_URL: for MySQL names no database (mysql://user:password@host:3306/database).")]
    [InlineData("DATABASE_URL", "sqlite://relative.db", "DATABASE_URL: for SQLite must look like sqlite:///path/to/file.db.")]
    [InlineData("PORT", "eighty", "PORT: 'eighty' is not a whole number.")]
    [InlineData("PORT", "70000", "PORT: 70000 is not a TCP port (1-65535).")]
    [InlineData("API_BASE_URL", "not a url", "API_BASE_URL: 'not a url' is not an absolute http(s) URL.")]
    [InlineData("QBO_TOKEN_URL", "ftp://x/y", "QBO_TOKEN_URL: 'ftp://x/y' is not an absolute http(s) URL.")]
    [InlineData("QBO_ENVIRONMENT", "staging", "QBO_ENVIRONMENT: 'staging' is not one of local, sandbox, production.")]
    [InlineData("QBO_MINOR_VERSION", "40", "QBO_MINOR_VERSION: 40 is below 75, the lowest version QBO still honours.")]
    [InlineData("WEBHOOK_MAX_BYTES", "10", "WEBHOOK_MAX_BYTES: 10 is outside 1024..67108864.")]
    [InlineData("WORKER_CONCURRENCY", "-1", "WORKER_CONCURRENCY: -1 is outside 0..256 (0 turns the workers off).")]
    [InlineData("WORKER_LEASE_SECONDS", "5", "WORKER_LEASE_SECONDS: 5 is outside 6..3600 (it is renewed every third of it while a payload is processed).")]
    [InlineData("RUN_MIGRATIONS_ON_START", "maybe", "RUN_MIGRATIONS_ON_START: 'maybe' is not true or false.")]
    [InlineData("RETENTION_AUDIT_DAYS", "0", "RETENTION_AUDIT_DAYS: must be at least 1 day (got 0).")]
    [InlineData("ALLOWED_ORIGINS", "https://ok.example,bad origin", "ALLOWED_ORIGINS: 'bad origin' is not an absolute http(s) URL.")]
    [InlineData("QUEUE_STALL_SECONDS", "-5", "QUEUE_STALL_SECONDS: -5 is outside 0..604800 (0 turns the queue check off).")]
    [InlineData("HEALTH_CHECK_TIMEOUT_SECONDS", "0", "HEALTH_CHECK_TIMEOUT_SECONDS: 0 is outside 1..60.")]
    public void BuildApp_MalformedVariable_ReportsOneClearProblem(string name, string value, string expected)
    {
        var settings = new Dictionary<string, string>(TestService.DefaultSettings) { [name] = value };

        var problems = Problems(settings);

        Assert.Equal([expected], problems);
    }

    [Fact]
    public async Task BuildApp_LeaseShorterThanAQboCall_Starts_BecauseWorkersRenewIt()
    {
        var folder = Directory.CreateTempSubdirectory("ai-lease-");
        try
        {
            var settings = new Dictionary<string, string>(TestService.DefaultSettings)
            {
                ["QBO_REQUEST_TIMEOUT_SECONDS"] = "90",
                ["WORKER_LEASE_SECONDS"] = "30",
                ["DATABASE_URL"] = $"sqlite:///{folder.FullName}/lease.db",
            };
            await using var app = Program.BuildApp(TestService.ToArgs(settings));

            Assert.Equal(TimeSpan.FromSeconds(30), app.Services.GetRequiredService<Features.Webhooks.WebhookOptions>().LeaseDuration);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task BuildApp_DevelopmentWithNoVariables_StartsWithDefaults()
    {
        var folder = Directory.CreateTempSubdirectory("ai-dev-");
        try
        {
            var app = Program.BuildApp(
                ["--environment=Development", "--LOCAL_QBO_SANDBOX=false", "--urls=http://127.0.0.1:0", $"--DATABASE_URL=sqlite:///{folder.FullName}/dev.db"]);
            await using (app)
            {
                var security = app.Services.GetRequiredService<SecurityOptions>();
                var qbo = app.Services.GetRequiredService<QboOptions>();

                Assert.Equal(SecurityOptions.DevelopmentEncryptionKey, security.EncryptionKey);
                Assert.Equal(QboEnvironment.Local, qbo.Environment);
                Assert.Equal(new Uri("http://localhost:8080/api/v1/oauth/callback"), qbo.RedirectUri);
                Assert.Equal(new Uri("http://127.0.0.1:8090/oauth2/v1/tokens/bearer"), qbo.TokenUrl);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void BuildApp_LocalSandboxOutsideDevelopment_IsRefused()
    {
        var settings = new Dictionary<string, string>(TestService.DefaultSettings) { ["LOCAL_QBO_SANDBOX"] = "true" };

        var problems = Problems(settings);

        Assert.Equal(["LOCAL_QBO_SANDBOX: the local QBO sandbox runs only in Development (ENVIRONMENT=development)."], problems);
    }

    private static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string> settings)
    {
        var args = TestService.ToArgs(settings);
        var error = Assert.Throws<ConfigurationProblemsException>(() => Program.BuildApp(args));
        return error.Problems;
    }
}
