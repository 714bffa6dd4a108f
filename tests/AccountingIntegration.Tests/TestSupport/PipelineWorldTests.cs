using Microsoft.Extensions.Hosting;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// A pipeline world whose set-up fails after its service started stops the service, its workers and its sandbox:
/// left running, they would poll a database and hold ports for the rest of the run.
/// </summary>
public sealed class PipelineWorldTests
{
    [Fact]
    public async Task StartAsync_SetUpFailsAfterTheServiceStarted_StopsTheServiceAndTheSandbox()
    {
        var folder = Directory.CreateTempSubdirectory("ai-world-");
        try
        {
            // Without tables (no migration at all) the service starts, as a replica before its migration does, and
            // creating the world's organization fails.
            await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, migrate: false);
            var stopped = new StopWitness();
            // The sandbox writes its state file when it stops, and not before: nothing changes its state here.
            var stateFile = Path.Combine(folder.FullName, "qbo-sandbox.json");

            await Assert.ThrowsAnyAsync<Exception>(() => PipelineWorld.StartAsync(database, sandbox: sandbox => sandbox.StateFile = stateFile,
                settings: new Dictionary<string, string> { ["RUN_MIGRATIONS_ON_START"] = "false" },
                overrides: services => services.AddHostedService(_ => stopped)));

            Assert.True(stopped.Stopped, "The service was not stopped.");
            Assert.True(File.Exists(stateFile), "The sandbox was not stopped.");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private sealed class StopWitness : IHostedService
    {
        public bool Stopped { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stopped = true;
            return Task.CompletedTask;
        }
    }
}
