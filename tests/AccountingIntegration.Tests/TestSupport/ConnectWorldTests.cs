using Microsoft.Extensions.Hosting;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// A world whose service fails to start leaves nothing running: a sandbox left serving would hold its port, its
/// server and its workers for the rest of the run.
/// </summary>
public sealed class ConnectWorldTests
{
    [Fact]
    public async Task StartAsync_ServiceFailsToStart_StopsTheSandboxAndThrowsTheServicesException()
    {
        var folder = Directory.CreateTempSubdirectory("ai-world-");
        try
        {
            await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
            // The sandbox writes its state file when it stops, and not before: nothing changes its state here.
            var stateFile = Path.Combine(folder.FullName, "qbo-sandbox.json");
            var refusal = new InvalidOperationException("This service refuses to start.");

            var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => ConnectWorld.StartAsync(database,
                sandbox => sandbox.StateFile = stateFile, overrides: services => services.AddHostedService(_ => new RefusesToStart(refusal))));

            Assert.Same(refusal, thrown);
            Assert.True(File.Exists(stateFile), "The sandbox was not stopped.");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed class RefusesToStart(Exception refusal) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.FromException(refusal);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
