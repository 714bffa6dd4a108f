using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// An operator replays every payload that matches a filter. Payloads that fail again at once (no mapping: skipped in
/// milliseconds) match the filter again while the replay is still running; each must still be replayed, and audited,
/// exactly once.
/// </summary>
public sealed class BulkReplayTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task MoreMatchesThanOnePage_FailingAgainAtOnce_AreEachReplayedAndAuditedOnce(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), sourceType: "unmapped-system");
        // More than one search page, so a second page is read while the first page's payloads are skipped again.
        var count = PageRequest.MaxPageSize + 30;
        var accepted = await world.Services.GetRequiredService<WebhookStore>().CreatePayloadsAsync(
            [.. Enumerable.Range(0, count).Select(i => new NewPayload
            {
                OrganizationId = world.Organization.OrganizationId,
                SourceId = world.Source.SourceId,
                RawPayload = $$"""{"id":{{i}}}""",
            })], default);
        world.Pump.Tick();
        foreach (var payload in accepted)
        {
            await world.WaitForStatusAsync(payload.PayloadId, PayloadStatus.Skipped);
        }

        var (_, token) = await Admins.CreateAsync(world.Services);
        using var admin = Admins.Client(world.Connect.Service, token);
        using var response = await admin.PostAsJsonAsync("/api/admin/payloads/replay",
            new { status = PayloadStatus.Skipped, organizationId = world.Organization.OrganizationId });
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replayed = result.GetProperty("payloadIds").EnumerateArray().Select(p => p.GetString()!).ToList();
        var skipped = result.GetProperty("skipped").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(replayed.Count, replayed.Distinct().Count());
        Assert.Equal(accepted.Select(a => a.PayloadId).Order(), replayed.Concat(skipped).Order());
        Assert.Equal(replayed.Count, result.GetProperty("replayed").GetInt32());
        // The audit trail is written in batches: wait for the replays' rows, then count them.
        var audited = await Eventually.GetAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>(
                $"/api/admin/audit-logs?organizationId={world.Organization.OrganizationId}&action=payload.replayed&pageSize=1"))
                .GetProperty("pagination").GetProperty("total").GetInt32(),
            total => total >= replayed.Count,
            betweenReads: world.Pump.Tick);
        Assert.Equal(replayed.Count, audited);
    }

    [Theory, BothDatabases]
    public async Task Text_ReplaysExactlyWhatThePayloadListsSearchSelects(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), sourceType: "unmapped-system");
        var webhooks = world.Services.GetRequiredService<WebhookStore>();
        var accepted = await webhooks.CreatePayloadsAsync(
            [.. Enumerable.Range(0, 6).Select(i => new NewPayload
            {
                OrganizationId = world.Organization.OrganizationId,
                SourceId = world.Source.SourceId,
                EventType = i < 2 ? "refunds/create" : "orders/create",
                EventKey = $"delivery-{i}",
                RawPayload = $$"""{"id":{{i}}}""",
            })], default);
        world.Pump.Tick();
        foreach (var payload in accepted)
        {
            await world.WaitForStatusAsync(payload.PayloadId, PayloadStatus.Skipped);
        }

        var (_, token) = await Admins.CreateAsync(world.Services);
        using var admin = Admins.Client(world.Connect.Service, token);

        // A part of the event type, a dedupe key exactly, and a wildcard that is taken literally (it matches nothing here).
        foreach (var text in new[] { " refunds ", "delivery-4", "%" })
        {
            var listed = await webhooks.SearchPayloadsAsync(world.Organization.OrganizationId,
                new PayloadFilter { Status = PayloadStatus.Skipped, Text = text.Trim() }, new PageRequest(1, 50), default);
            var expected = text switch { " refunds " => 2, "delivery-4" => 1, _ => 0 };
            Assert.Equal(expected, listed.Items.Count);

            using var response = await admin.PostAsJsonAsync("/api/admin/payloads/replay",
                new { status = PayloadStatus.Skipped, organizationId = world.Organization.OrganizationId, text });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
            var replayed = result.GetProperty("payloadIds").EnumerateArray().Concat(result.GetProperty("skipped").EnumerateArray()).Select(p => p.GetString()!);
            Assert.Equal(listed.Items.Select(p => p.PayloadId).Order(), replayed.Order());
            foreach (var payload in listed.Items)
            {
                await world.WaitForStatusAsync(payload.PayloadId, PayloadStatus.Skipped);
            }
        }

        // Blank text is no text: every skipped payload of the organization.
        using var all = await admin.PostAsJsonAsync("/api/admin/payloads/replay",
            new { status = PayloadStatus.Skipped, organizationId = world.Organization.OrganizationId, text = "  " });
        var everything = (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.Equal(accepted.Count, everything.GetProperty("payloadIds").GetArrayLength() + everything.GetProperty("skipped").GetArrayLength());
    }
}
