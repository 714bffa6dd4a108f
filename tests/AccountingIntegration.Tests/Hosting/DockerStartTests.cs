using System.Diagnostics;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Hosting;

/// <summary>
/// The image's start, outside Docker: the service with the environment compose gives its containers (.env.example
/// under the compose file's own entries, real secrets in place of the placeholders), the one-shot `migrate`,
/// two replicas on one database, and the image's HEALTHCHECK script against each.
/// </summary>
public sealed class DockerStartTests
{
    [Theory, BothDatabases]
    public async Task ComposeEnvironment_MigrateThenTwoReplicas_HealthcheckFollowsReadiness(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, migrate: false);
        var environment = ContainerEnvironment(database.Url);

        // A replica that starts before the migration (compose orders them; an operator may not) is alive but not ready.
        await using var early = await ServiceInstance.StartAsync(environment);
        Assert.Equal(1, await HealthcheckAsync(early.Port));

        var migrate = await ServiceInstance.RunCommandAsync(environment, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Output);

        Assert.Equal(0, await HealthcheckAsync(early.Port));
        await using var second = await ServiceInstance.StartAsync(environment);
        Assert.Equal(0, await HealthcheckAsync(second.Port));

        // A killed container's port refuses connections. The killed replica's port is free for any server a test beside
        // this one starts, which could bind it and answer; a port held closed refuses as that port did.
        await early.DisposeAsync();
        using var killed = new ClosedPort();
        Assert.Equal(1, await HealthcheckAsync(killed.Port));
        Assert.Equal(0, await HealthcheckAsync(second.Port));
    }

    /// <summary>.env.example, then the compose file's entries for the service containers, then this test's database and secrets.</summary>
    private static Dictionary<string, string> ContainerEnvironment(string databaseUrl)
    {
        var environment = DeploymentSettings.EnvExample().Where(v => !v.Commented).ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        foreach (var (key, value) in DeploymentSettings.ComposeServiceEnvironment())
        {
            environment[key] = value;
        }

        // The placeholders are refused in production, as they should be; an operator puts real values in .env.
        foreach (var secret in new[] { "ENCRYPTION_KEY", "JWT_SECRET", "OAUTH_STATE_SECRET" })
        {
            environment[secret] = TestService.DefaultSettings[secret];
        }

        environment["QBO_CLIENT_ID"] = "ABq7Rk2mXw9TfL4cVn8PzY3sHd6GjE1uKo5bWi0aNr";
        environment["QBO_CLIENT_SECRET"] = "Zt4Lm8Qx2Rv6Bn0Wc3Yk7Hs1Jd5Gf9Pa";
        environment["DATABASE_URL"] = databaseUrl;
        return environment;
    }

    private static async Task<int> HealthcheckAsync(int port)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryFiles.PathOf("docker/healthcheck.sh"));
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(deadline.Token);
        return process.ExitCode;
    }
}
