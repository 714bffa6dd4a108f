using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks;

public sealed class GracefulShutdownTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Stop_WhileInvoicesAreBeingCreated_FinishesThemBeforeExiting(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database);
        // Each invoice create takes a second and a half of clock time at "QBO", so the stop lands mid-flight.
        await world.AddFaultAsync(new { method = "POST", entity = "invoice", latencyMs = 1500 });
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(11000 + i));
            ids.Add((await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!);
        }

        foreach (var id in ids)
        {
            await world.WaitForStatusAsync(id, PayloadStatus.Processing, PayloadStatus.Succeeded);
        }

        // Stopping waits for the invoices in flight, which wait on the shared clock's injected latency.
        await world.Pump.WhileAsync(world.Connect.Service.DisposeAsync().AsTask());

        var webhooks = new WebhookStore(database.Database, TimeProvider.System);
        foreach (var id in ids)
        {
            var payload = await webhooks.GetPayloadAsync(world.Organization.OrganizationId, id, default);
            Assert.Equal(PayloadStatus.Succeeded, payload!.Status);
        }
    }
}
