using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Csv;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.Admin.Keys;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Admin.System;

public sealed partial class CsvExportTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task ListSyncLogs_FormatCsv_HeaderRowsQuotingAndFormulasNeutralised(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind));
        var organizationId = Guid.NewGuid().ToString();
        var messages = new[] { "=SUM(1)", "a,b \"c\"\nd", "@cmd", "-2+3", "+1", "\tTab", "plain" };
        var store = harness.Service.Services.GetRequiredService<SyncLogStore>();
        foreach (var message in messages)
        {
            await store.InsertAsync(harness.Database, LogRows.Sync(organizationId, "failed", message, "QBO_6000"));
        }

        using var response = await harness.Viewer.GetAsync($"/api/admin/sync-logs?organizationId={organizationId}&format=csv");
        var text = await response.Content.ReadAsStringAsync();
        var (header, rows) = Csv.Parse(text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(FileName(), response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? string.Empty);
        Assert.StartsWith("sync-logs-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(
            ["logId", "createdAt", "organizationId", "payloadId", "sourceId", "status", "attempt", "qboRequestId", "qboInvoiceId", "errorCode", "errorMessage", "durationMs"],
            header);
        Assert.Equal(messages.Length, rows.Count);
        Assert.Equal(
            new[] { "'=SUM(1)", "a,b \"c\"\nd", "'@cmd", "'-2+3", "'+1", "'\tTab", "plain" }.Order(StringComparer.Ordinal),
            Csv.Column(header, rows, "errorMessage").Order(StringComparer.Ordinal));
        Assert.All(Csv.Column(header, rows, "createdAt"), t => Assert.Matches(IsoUtc(), t));
        Assert.All(Csv.Column(header, rows, "durationMs"), d => Assert.Equal("42", d));
        Assert.Contains("\"'=SUM(1)\"", text, StringComparison.Ordinal);
        Assert.Contains("\"a,b \"\"c\"\"\nd\"", text, StringComparison.Ordinal);
        Assert.StartsWith("logId,createdAt,", text, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task ListAuditLogs_AcceptTextCsv_StreamsCsv_AndTheExportIsAudited(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind));
        var organization = await harness.OrganizationAsync();
        await harness.Admin.PostAsJsonAsync($"/api/admin/organizations/{organization.OrganizationId}/api-keys", new { name = "=HYPERLINK(\"http://x\")" });
        await harness.AuditAsync(organization.OrganizationId, "api_key.created");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/admin/audit-logs?organizationId={organization.OrganizationId}");
        request.Headers.Accept.ParseAdd("text/csv");

        using var response = await harness.Viewer.SendAsync(request);
        var (header, rows) = Csv.Parse(await response.Content.ReadAsStringAsync());
        var exports = await harness.AuditAsync(organization.OrganizationId, "export.downloaded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["logId", "timestamp", "organizationId", "actorType", "actorId", "category", "action", "targetType", "targetId", "details", "ip"], header);
        Assert.Contains("api_key.created", Csv.Column(header, rows, "action"));
        Assert.Contains(Csv.Column(header, rows, "details"), d => d.Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.Equal("audit-logs", Assert.Single(exports).TargetId);
    }

    [Theory, BothDatabases]
    public async Task ExportUsage_RowsAcrossPagesWithEqualTimes_EachOnceNewestFirst_AndOverTheLimitIsRefused(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind), s => s.AddSingleton(new ExportLimits(MaxRows: 5, PageSize: 2)));
        var organizationId = Guid.NewGuid().ToString();
        var usage = harness.Service.Services.GetRequiredService<ApiUsageStore>();
        var sameTime = DateTime.UtcNow.AddMinutes(-5);
        var stored = await usage.InsertBatchAsync([.. Enumerable.Range(0, 5).Select(i => LogRows.Usage(organizationId, "key", sameTime, $"/e{i}"))], default);

        var (header, rows) = Csv.Parse(await harness.Viewer.GetStringAsync($"/api/admin/usage/export?organizationId={organizationId}"));
        var (_, viaFormat) = Csv.Parse(await harness.Viewer.GetStringAsync($"/api/admin/usage?organizationId={organizationId}&format=csv&page=1&pageSize=1"));
        await usage.InsertBatchAsync([LogRows.Usage(organizationId, "key", sameTime.AddSeconds(1))], default);
        using var tooMany = await harness.Viewer.GetAsync($"/api/admin/usage/export?organizationId={organizationId}");

        Assert.Equal(["logId", "timestamp", "organizationId", "apiKeyId", "endpoint", "method", "statusCode", "durationMs"], header);
        Assert.Equal(stored.Select(s => s.LogId).OrderDescending(StringComparer.Ordinal), Csv.Column(header, rows, "logId"));
        Assert.Equal(5, viaFormat.Count);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(CsvExport.TooLarge, (await AdminHarness.ProblemAsync(tooMany)).GetProperty("code").GetString());
    }

    [Theory, BothDatabases]
    public async Task ExportPayloadsAndLogs_RealWebhooks_OneRowEach_RefusalsNamed(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind));
        var organization = await harness.OrganizationAsync();
        await harness.Service.Services.GetRequiredService<WebhookStore>()
            .CreateSourceAsync(organization.OrganizationId, "shop", "shopify", "none", null, null, true, default);
        var key = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        await harness.Service.Services.GetRequiredService<ApiKeyStore>()
            .CreateAsync(organization.OrganizationId, null, "k", SecretTokens.DisplayPrefix(key), SecretTokens.Hash(key), null, default);
        using var tenant = new HttpClient { BaseAddress = harness.Service.BaseAddress };
        tenant.DefaultRequestHeaders.Add("X-API-Key", key);
        for (var i = 0; i < 3; i++)
        {
            (await tenant.PostAsJsonAsync($"/api/v1/webhook/{organization.Slug}", new { id = i })).EnsureSuccessStatusCode();
        }

        var (header, rows) = Csv.Parse(await harness.Viewer.GetStringAsync($"/api/admin/payloads/export?organizationId={organization.OrganizationId}"));
        var (auditHeader, auditRows) = Csv.Parse(await harness.Viewer.GetStringAsync("/api/admin/audit-logs/export?organizationId=nobody&action=no.such.action"));
        var (syncHeader, _) = Csv.Parse(await harness.Viewer.GetStringAsync("/api/admin/sync-logs/export?organizationId=nobody&status=failed"));
        using var anonymous = await harness.Anonymous.GetAsync("/api/admin/payloads/export");
        using var badStatus = await harness.Viewer.GetAsync("/api/admin/payloads/export?status=nope");
        using var badRange = await harness.Viewer.GetAsync($"/api/admin/sync-logs/export?from={AdminLogTests.Iso(DateTime.UtcNow)}&to={AdminLogTests.Iso(DateTime.UtcNow.AddDays(-1))}");

        Assert.Equal(3, rows.Count);
        Assert.All(Csv.Column(header, rows, "organizationId"), o => Assert.Equal(organization.OrganizationId, o));
        Assert.All(Csv.Column(header, rows, "receivedAt"), t => Assert.Matches(IsoUtc(), t));
        Assert.DoesNotContain("rawPayload", header);
        Assert.Equal("logId", auditHeader[0]);
        Assert.Empty(auditRows);
        Assert.Equal("logId", syncHeader[0]);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.True((await AdminHarness.ProblemAsync(badStatus)).GetProperty("errors").TryGetProperty("status", out _));
        Assert.True((await AdminHarness.ProblemAsync(badRange)).GetProperty("errors").TryGetProperty("from", out _));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex IsoUtc();

    [GeneratedRegex(@"^sync-logs-\d{8}T\d{6}Z\.csv$")]
    private static partial Regex FileName();
}
