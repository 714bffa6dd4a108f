using System.Text.RegularExpressions;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Hosting;

/// <summary>
/// The Docker deployment's files agree with the service: every variable .env.example and docker-compose.yml set
/// is one the service reads (or, said so, the database image's), every setting the service reads is in
/// .env.example, and the image builds, runs and probes the way the README says. No Docker engine needed.
/// </summary>
public sealed class DeploymentFilesTests
{
    /// <summary>Read by a command, never by the running service, and kept out of .env on purpose (.env.example says so).</summary>
    private const string CommandOnly = "ADMIN_PASSWORD";

    [Fact]
    public void EnvExample_EveryServiceVariable_IsReadByTheService()
    {
        var read = DeploymentSettings.ReadByTheService();

        var unread = DeploymentSettings.EnvExample().Where(v => !v.ComposeOnly && !read.Contains(v.Name)).Select(v => v.Name).ToList();

        Assert.Empty(unread);
    }

    [Fact]
    public void Service_EverySettingItReads_IsInEnvExample()
    {
        var documented = DeploymentSettings.EnvExample().Where(v => !v.ComposeOnly).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);

        var missing = DeploymentSettings.ReadByTheService().Where(n => n != CommandOnly && !documented.Contains(n)).Order(StringComparer.Ordinal).ToList();

        Assert.Empty(missing);
        Assert.Contains(CommandOnly, RepositoryFiles.Read(".env.example"), StringComparison.Ordinal);
        // The scan itself finds settings read in each way: a plain reader, a URL reader, a plan tier cell, the environment.
        Assert.Superset(new HashSet<string> { "DATABASE_URL", "API_BASE_URL", "PLAN_PRO_CSV_EXPORT", "ENVIRONMENT", "QUEUE_STALL_SECONDS" },
            DeploymentSettings.ReadByTheService().ToHashSet());
    }

    [Fact]
    public void EnvExample_ComposeOnlyVariables_AreTheDatabasePasswordsComposeSubstitutes()
    {
        var composeOnly = DeploymentSettings.EnvExample().Where(v => v.ComposeOnly).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(new HashSet<string> { "MARIADB_PASSWORD", "MARIADB_ROOT_PASSWORD" }, composeOnly);
        Assert.Superset(composeOnly, DeploymentSettings.ComposeSubstitutions().ToHashSet());
        Assert.Empty(composeOnly.Intersect(DeploymentSettings.ReadByTheService()));
    }

    [Fact]
    public void Compose_EveryVariableItSetsOrSubstitutes_IsKnown()
    {
        var read = DeploymentSettings.ReadByTheService();
        var inEnvExample = DeploymentSettings.EnvExample().Select(v => v.Name).ToHashSet(StringComparer.Ordinal);

        // MARIADB_* configure the database image; every other key is a setting of the service.
        var unknownKeys = DeploymentSettings.ComposeKeys().Where(k => !read.Contains(k) && !k.StartsWith("MARIADB_", StringComparison.Ordinal)).ToList();
        var undocumented = DeploymentSettings.ComposeSubstitutions().Where(s => !inEnvExample.Contains(s)).ToList();

        Assert.Empty(unknownKeys);
        Assert.Empty(undocumented);
        Assert.Contains("DATABASE_URL", DeploymentSettings.ComposeKeys());
    }

    [Fact]
    public void Compose_ServiceEnvironment_BuildsAMySqlUrlAndMigratesOnce()
    {
        var environment = DeploymentSettings.ComposeServiceEnvironment();
        var url = Regex.Replace(environment["DATABASE_URL"], @"\$\{[A-Z_]+[^}]*\}", "0123456789abcdef0123456789abcdef");

        Assert.True(DatabaseUrl.TryParse(url, out var parsed, out var problem), problem);
        Assert.Equal(DatabaseProvider.MySql, parsed!.Provider);
        Assert.Equal("accounting", parsed.DatabaseName);
        Assert.Equal("false", environment["RUN_MIGRATIONS_ON_START"]);
        // The service containers get the database passwords blanked, though .env holds them.
        Assert.Equal("", environment["MARIADB_ROOT_PASSWORD"]);
        Assert.Equal("", environment["MARIADB_PASSWORD"]);
    }

    [Fact]
    public void Compose_TwoReplicasOnDistinctPorts_AfterAHealthyDatabaseAndTheMigration()
    {
        var compose = RepositoryFiles.Read("docker-compose.yml");

        var hostPorts = Regex.Matches(compose, @"'127\.0\.0\.1:(\d+):8080'").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, hostPorts.Distinct().Count());
        Assert.Equal(3, Regex.Matches(compose, @"^    <<: \*service$", RegexOptions.Multiline).Count);
        Assert.Contains("condition: service_healthy", compose, StringComparison.Ordinal);
        Assert.Contains("condition: service_completed_successfully", compose, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  db:\n    image: mariadb:[0-9.]+\n", compose);
        Assert.Matches(@"(?m)^    healthcheck:\n      test: \[ ""CMD"", ""healthcheck\.sh""", compose);
        Assert.Contains("command: [ \"migrate\" ]", compose, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_CachesRestore_RunsAsNonRoot_ProbesReadiness()
    {
        var dockerfile = RepositoryFiles.Read("Dockerfile").Split('\n');
        int Line(string prefix) => Array.FindIndex(dockerfile, l => l.StartsWith(prefix, StringComparison.Ordinal));

        // Restore sees only the project files; the sources come after it, so a source edit reuses the restore layer.
        Assert.InRange(Line("RUN dotnet restore"), 0, Line("COPY src/AccountingIntegration/ ") - 1);
        Assert.Contains("--no-restore", dockerfile[Line("RUN dotnet publish")], StringComparison.Ordinal);
        var runtime = Array.FindLastIndex(dockerfile, l => l.StartsWith("FROM ", StringComparison.Ordinal));
        Assert.InRange(Line("USER app"), runtime, Line("ENTRYPOINT"));
        Assert.Contains("/app/healthcheck.sh", dockerfile[Line("HEALTHCHECK ")], StringComparison.Ordinal);
        Assert.Contains("/health/ready", RepositoryFiles.Read("docker/healthcheck.sh"), StringComparison.Ordinal);

        var ignored = RepositoryFiles.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string> { "**/bin/", "**/obj/", "data/", ".env" }, ignored);
    }
}
