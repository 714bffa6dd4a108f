using System.Net;
using System.Text.Json;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.Admin.Keys;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Admin.System;

public sealed class SystemStatsTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task GetSystemStats_AfterRealPayloads_CountsRatesLatencyErrorsAndConnections(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));
        await using var harness = await AdminHarness.OnAsync(world.Connect.Service);
        foreach (var order in new[] { 7001L, 7002L })
        {
            using var sent = await world.SendAsync(PipelineWorld.ShopifyOrder(order), wait: 20);
            Assert.Equal(PayloadStatus.Succeeded, (await PipelineWorld.DataAsync(sent)).GetProperty("status").GetString());
        }

        await world.AddFaultAsync(new { method = "POST", entity = "invoice", faultType = "ValidationFault", count = 1 });
        using var failed = await world.SendAsync(PipelineWorld.ShopifyOrder(7003), wait: 20);
        var reason = (await PipelineWorld.DataAsync(failed)).GetProperty("reason").GetString()!;

        using var response = await harness.Viewer.GetAsync("/api/admin/system/stats");
        var stats = await AdminHarness.DataAsync(response);
        var organization = stats.GetProperty("organizations").EnumerateArray()
            .Single(o => o.GetProperty("organizationId").GetString() == world.Organization.OrganizationId);
        var qbo = stats.GetProperty("qbo");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(24, stats.GetProperty("window").GetProperty("hours").GetInt32());
        Assert.True(stats.GetProperty("payloads").GetProperty("byStatus").GetProperty("succeeded").GetInt64() >= 2);
        Assert.True(stats.GetProperty("payloads").GetProperty("byStatus").GetProperty("failed").GetInt64() >= 1);
        Assert.Equal(2, organization.GetProperty("succeeded").GetInt64());
        Assert.Equal(1, organization.GetProperty("failed").GetInt64());
        Assert.Equal(0, organization.GetProperty("dead").GetInt64());
        Assert.Equal(2.0 / 3, organization.GetProperty("successRate").GetDouble(), 3);
        Assert.Equal(world.Slug, organization.GetProperty("slug").GetString());
        Assert.True(qbo.GetProperty("calls").GetInt64() >= 3);
        Assert.True(qbo.GetProperty("avgLatencyMs").GetDouble() >= 0);
        Assert.True(qbo.GetProperty("p95LatencyMs").GetInt32() >= 0);
        Assert.Contains(qbo.GetProperty("errors").EnumerateArray(), e => e.GetProperty("errorCode").GetString() == reason && e.GetProperty("count").GetInt64() >= 1);
        Assert.True(stats.GetProperty("connections").GetProperty("connected").GetInt64() >= 1);
        Assert.True(stats.GetProperty("queue").GetProperty("depth").GetInt64() >= 0);
        Assert.Equal(JsonValueKind.Object, stats.GetProperty("queue").GetProperty("byStatus").ValueKind);
    }

    [Theory, BothDatabases]
    public async Task GetSystemStats_Refusals_401NoToken_400WindowNamed(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind));

        using var anonymous = await harness.Anonymous.GetAsync("/api/admin/system/stats");
        using var badWindow = await harness.Viewer.GetAsync("/api/admin/system/stats?windowHours=0");
        using var empty = await harness.Viewer.GetAsync("/api/admin/system/stats?windowHours=1");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.True((await AdminHarness.ProblemAsync(badWindow)).GetProperty("errors").TryGetProperty("windowHours", out _));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(1, (await AdminHarness.DataAsync(empty)).GetProperty("window").GetProperty("hours").GetInt32());
    }
}
