using System.Net.Http.Json;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.Books;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// A replay, the revival of a payload whose sale came late, and a webhook source's change or secret rotation are written
/// with their audit entry in one transaction: when the entry cannot be stored, the action is not done either, so the
/// trail never misses an action that was done. Once the entry can be stored, the action goes through with one entry.
/// </summary>
public sealed class AuditedWithTheActionTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly IReadOnlyDictionary<string, string> Refunds = Delivery.Topic(ShopifyBookingTests.TopicHeader, "refunds/create");

    [Theory, BothDatabases]
    public async Task Replay_WhoseAuditEntryIsRefused_IsNotDone_ThenIsDoneWithOneEntry(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify");
        var refund = await GaveUpOnItsOrderAsync(world);
        var replay = $"/api/v1/org/{world.Slug}/payloads/{refund.PayloadId}/replay";

        await using (await TestTrigger.RefuseAuditAsync(database, "payload.replayed"))
        {
            using var refused = await world.Client.PostAsync(replay, null);
            Assert.Equal(System.Net.HttpStatusCode.InternalServerError, refused.StatusCode);
        }

        Assert.Equal(PayloadStatus.Failed, await StatusAsync(database, refund.PayloadId));
        Assert.Equal(0, await EntriesAsync(database, "payload.replayed", refund.PayloadId));

        using (var done = await world.Client.PostAsync(replay, null))
        {
            done.EnsureSuccessStatusCode();
        }

        Assert.Equal(1, await EntriesAsync(database, "payload.replayed", refund.PayloadId));
    }

    [Theory, BothDatabases]
    public async Task Revival_WhoseAuditEntryIsRefused_LeavesThePayloadToRevive_ThenRevivesItWithOneEntry(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify");
        var refund = await GaveUpOnItsOrderAsync(world);
        var revive = world.Services.GetRequiredService<ReviveExpiredSaleWaits>();
        var order = (await database.Database.QueryListAsync<string>("SELECT sale_key FROM expired_sale_waits WHERE payload_id = @PayloadId",
            new { refund.PayloadId }, default)).ToArray();
        Assert.NotEmpty(order);

        await using (await TestTrigger.RefuseAuditAsync(database, "payload.revived"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => revive.ReviveAsync(world.Organization.OrganizationId, order, default));
        }

        Assert.Equal(PayloadStatus.Failed, await StatusAsync(database, refund.PayloadId));
        Assert.Equal(0, await EntriesAsync(database, "payload.revived", refund.PayloadId));

        Assert.Equal(1, await revive.ReviveAsync(world.Organization.OrganizationId, order, default));
        Assert.Equal(1, await EntriesAsync(database, "payload.revived", refund.PayloadId));
        Assert.NotEqual(PayloadStatus.Failed, await StatusAsync(database, refund.PayloadId));
    }

    [Theory, BothDatabases]
    public async Task SourceChangeAndRotation_WhoseAuditEntryIsRefused_AreNotDone_ThenAreDoneWithOneEntry(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify");
        var source = $"/api/v1/webhook/{world.Slug}/sources/{world.Source.SourceId}";
        using (var signed = await world.Client.PatchAsJsonAsync(source, new { signatureScheme = "hmac-sha256", signingSecret = "first-secret-1234" }))
        {
            signed.EnsureSuccessStatusCode();
        }

        var secretBefore = await SecretAsync(database, world.Source.SourceId);
        await using (await TestTrigger.RefuseAuditAsync(database, "webhook_source.secret_rotated"))
        {
            using var refused = await world.Client.PostAsJsonAsync(source + "/rotate-secret", new { });
            Assert.Equal(System.Net.HttpStatusCode.InternalServerError, refused.StatusCode);
        }

        await using (await TestTrigger.RefuseAuditAsync(database, "webhook_source.updated"))
        {
            using var refused = await world.Client.PatchAsJsonAsync(source, new { name = "Renamed" });
            Assert.Equal(System.Net.HttpStatusCode.InternalServerError, refused.StatusCode);
        }

        Assert.Equal(secretBefore, await SecretAsync(database, world.Source.SourceId));
        Assert.Equal(world.Source.Name, await Sql.ScalarAsync<string>(database.Database, "SELECT name FROM webhook_sources WHERE source_id = @SourceId",
            new { world.Source.SourceId }));
        Assert.Equal(0, await EntriesAsync(database, "webhook_source.secret_rotated", world.Source.SourceId));

        using (var rotated = await world.Client.PostAsJsonAsync(source + "/rotate-secret", new { }))
        {
            rotated.EnsureSuccessStatusCode();
        }

        Assert.NotEqual(secretBefore, await SecretAsync(database, world.Source.SourceId));
        Assert.Equal(1, await EntriesAsync(database, "webhook_source.secret_rotated", world.Source.SourceId));
    }

    private static Task<string?> SecretAsync(TestDatabase database, string sourceId) =>
        Sql.ScalarAsync<string>(database.Database, "SELECT signing_secret FROM webhook_sources WHERE source_id = @SourceId", new { SourceId = sourceId });

    /// <summary>A refund of an order that never came, failed once its wait ran out (its order's names kept to revive it).</summary>
    private static async Task<Delivered> GaveUpOnItsOrderAsync(PipelineWorld world)
    {
        var refund = await world.DeliverFixtureAsync("shopify/refunds-create.rest-fixture.json", Refunds);
        world.Clock.Advance(TimeSpan.FromHours(25));
        Assert.StartsWith("DEPENDENCY_MISSING", (await world.SettledAsync(refund.PayloadId, PayloadStatus.Failed)).LastError);
        return refund;
    }

    private static Task<string?> StatusAsync(TestDatabase database, string payloadId) =>
        Sql.ScalarAsync<string>(database.Database, "SELECT status FROM webhook_payloads WHERE payload_id = @PayloadId", new { PayloadId = payloadId });

    private static Task<long> EntriesAsync(TestDatabase database, string action, string payloadId) =>
        Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM audit_logs WHERE action = @Action AND target_id = @PayloadId",
            new { Action = action, PayloadId = payloadId });
}
