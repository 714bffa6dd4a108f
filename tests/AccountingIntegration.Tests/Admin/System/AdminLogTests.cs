using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Tests.Admin.Keys;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Admin.System;

public sealed class AdminLogTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task ListAuditLogs_Filters_Paging_AndEveryWriteShowsUp(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind));
        var organization = await harness.OrganizationAsync();
        var id = organization.OrganizationId;
        await harness.Admin.PostAsJsonAsync($"/api/admin/organizations/{id}/api-keys", new { name = "one" });
        await harness.Admin.PostAsJsonAsync($"/api/admin/organizations/{id}/api-keys", new { name = "two" });
        await harness.Admin.PostAsync($"/api/admin/organizations/{id}/connect-tokens", null);
        await harness.AuditAsync(id, "connect_token.created");

        var all = await harness.Viewer.GetFromJsonAsync<JsonElement>($"/api/admin/audit-logs?organizationId={id}");
        var keys = await harness.Viewer.GetFromJsonAsync<JsonElement>($"/api/admin/audit-logs?organizationId={id}&category=api_key&pageSize=1&page=2");
        var actor = all.GetProperty("data")[0].GetProperty("actorId").GetString();
        var byActor = await harness.Viewer.GetFromJsonAsync<JsonElement>($"/api/admin/audit-logs?organizationId={id}&actorId={actor}&action=connect_token.created");
        var past = await harness.Viewer.GetFromJsonAsync<JsonElement>(
            $"/api/admin/audit-logs?organizationId={id}&from={Iso(DateTime.UtcNow.AddDays(-2))}&to={Iso(DateTime.UtcNow.AddDays(-1))}");

        Assert.Equal(3, all.GetProperty("pagination").GetProperty("total").GetInt64());
        Assert.Equal("connect_token.created", all.GetProperty("data")[0].GetProperty("action").GetString());
        Assert.Equal(2, keys.GetProperty("pagination").GetProperty("total").GetInt64());
        Assert.Equal("api_key.created", Assert.Single(keys.GetProperty("data").EnumerateArray()).GetProperty("action").GetString());
        Assert.Equal(1, byActor.GetProperty("pagination").GetProperty("total").GetInt64());
        Assert.Equal(0, past.GetProperty("pagination").GetProperty("total").GetInt64());
    }

    [Theory, BothDatabases]
    public async Task ListSyncLogsAndUsage_FilterByOrganizationStatusKeyAndTime(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind));
        var organizationId = Guid.NewGuid().ToString();
        var syncLogs = harness.Service.Services.GetRequiredService<SyncLogStore>();
        await syncLogs.InsertAsync(harness.Database, LogRows.Sync(organizationId, "succeeded", null));
        await syncLogs.InsertAsync(harness.Database, LogRows.Sync(organizationId, "failed", "boom"));
        await harness.Service.Services.GetRequiredService<ApiUsageStore>().InsertBatchAsync(
            [LogRows.Usage(organizationId, "key-a", DateTime.UtcNow), LogRows.Usage(organizationId, "key-b", DateTime.UtcNow)], default);

        var failed = await harness.Viewer.GetFromJsonAsync<JsonElement>($"/api/admin/sync-logs?organizationId={organizationId}&status=failed");
        var allSync = await harness.Viewer.GetFromJsonAsync<JsonElement>($"/api/admin/sync-logs?organizationId={organizationId}&from={Iso(DateTime.UtcNow.AddHours(-1))}");
        var usage = await harness.Viewer.GetFromJsonAsync<JsonElement>($"/api/admin/usage?organizationId={organizationId}&apiKeyId=key-b");
        var usageFuture = await harness.Viewer.GetFromJsonAsync<JsonElement>($"/api/admin/usage?organizationId={organizationId}&from={Iso(DateTime.UtcNow.AddHours(1))}");

        var failedRow = Assert.Single(failed.GetProperty("data").EnumerateArray());
        Assert.Equal("boom", failedRow.GetProperty("errorMessage").GetString());
        Assert.False(failedRow.TryGetProperty("requestPayload", out _));
        Assert.Equal(2, allSync.GetProperty("pagination").GetProperty("total").GetInt64());
        Assert.Equal("key-b", Assert.Single(usage.GetProperty("data").EnumerateArray()).GetProperty("apiKeyId").GetString());
        Assert.Equal(0, usageFuture.GetProperty("pagination").GetProperty("total").GetInt64());
    }

    [Theory, BothDatabases]
    public async Task LogLists_Refusals_401NoToken_400FieldsNamed(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind));

        using var anonymous = await harness.Anonymous.GetAsync("/api/admin/audit-logs");
        using var anonymousSync = await harness.Anonymous.GetAsync("/api/admin/sync-logs");
        using var anonymousUsage = await harness.Anonymous.GetAsync("/api/admin/usage");
        using var badRange = await harness.Viewer.GetAsync($"/api/admin/audit-logs?from={Iso(DateTime.UtcNow)}&to={Iso(DateTime.UtcNow.AddDays(-1))}&pageSize=0");
        using var badStatus = await harness.Viewer.GetAsync("/api/admin/sync-logs?status=exploded&page=0");
        using var badFormat = await harness.Viewer.GetAsync("/api/admin/usage?format=xml");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousSync.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousUsage.StatusCode);
        Assert.True((await AdminHarness.ProblemAsync(badRange)).GetProperty("errors").TryGetProperty("from", out _));
        Assert.True((await AdminHarness.ProblemAsync(badStatus)).GetProperty("errors").TryGetProperty("status", out _));
        Assert.True((await AdminHarness.ProblemAsync(badFormat)).GetProperty("errors").TryGetProperty("format", out _));
    }

    internal static string Iso(DateTime time) => Uri.EscapeDataString(time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
