using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>A worker's log lines say which payload and organization they are about, so one payload's story can be found.</summary>
public sealed class WorkerLogScopeTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task ProcessingPayload_LogLinesCarryPayloadAndOrganizationIds()
    {
        var capture = new LogCapture();
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite),
            settings: new Dictionary<string, string> { ["LOG_LEVEL"] = "Information" }, overrides: capture.Install);

        using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(31001), wait: 20);
        var payloadId = (await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!;

        var processing = capture.Lines.Where(l => l.Contains("Webhooks.Processing.PayloadProcessor", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(processing);
        Assert.All(processing, line =>
        {
            Assert.Contains($"PayloadId={payloadId}", line, StringComparison.Ordinal);
            Assert.Contains($"OrganizationId={world.Organization.OrganizationId}", line, StringComparison.Ordinal);
        });
        // The QBO client's lines, written on the worker's behalf, carry them too.
        Assert.Contains(capture.Lines, l => l.Contains("QboClient", StringComparison.Ordinal) && l.Contains($"PayloadId={payloadId}", StringComparison.Ordinal));
    }
}
