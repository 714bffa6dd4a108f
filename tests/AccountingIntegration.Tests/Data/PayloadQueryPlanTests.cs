using AccountingIntegration.Features.Admin.System;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Counts;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;
using Dapper;

namespace AccountingIntegration.Tests.Data;

/// <summary>
/// The plans of the queries a backlog of a million payloads makes hot: the worker's look-up, the claim, the payload
/// lists and the dashboard's counts. Each must read the index meant for it in its order; a plan that walks an
/// organization's backlog, sorts the archive or reads payload rows to count them fails here before it costs seconds.
/// </summary>
public sealed class PayloadQueryPlanTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const int BacklogPayloads = 1500;
    private const int SmallOrganizationPayloads = 60;
    private const string Sorts = "filesort";
    private const string SqliteSorts = "USE TEMP B-TREE FOR ORDER BY";

    [Theory, BothDatabases]
    public async Task WorkerLookup_WithoutStatistics_ReadsOneRowByPrimaryKey(DatabaseKind kind)
    {
        var (database, _, payload) = await ArrangeAsync(kind, analyze: false);

        var plan = await QueryPlans.ExplainAsync(database, WebhookStore.PayloadByKeySql, payload);

        AssertPlan(kind, plan, sqlite: "USING INDEX sqlite_autoindex_webhook_payloads_1 (payload_id=? AND received_at=?)", mariaDbKey: "PRIMARY");
    }

    [Theory, BothDatabases]
    public async Task LookupByIdAndClaim_AfterMaintenance_UseThePrimaryKeyAndTheDueIndex(DatabaseKind kind)
    {
        var (database, _, payload) = await ArrangeAsync(kind, analyze: true);

        var byId = await QueryPlans.ExplainAsync(database, WebhookStore.PayloadByIdSql, payload);
        var claimParameters = new DynamicParameters(WebhookQueueStore.ClaimableParameters(payload.ReceivedAt));
        claimParameters.Add("Limit", 4);
        var claim = await QueryPlans.ExplainAsync(database, WebhookQueueStore.ClaimSelectSql(database.Dialect), claimParameters);

        AssertPlan(kind, byId, sqlite: "USING INDEX sqlite_autoindex_webhook_payloads_1 (payload_id=?)", mariaDbKey: "PRIMARY");
        AssertPlan(kind, claim, sqlite: "USING INDEX ix_webhook_queue_due (next_attempt_at<?)", mariaDbKey: "ix_webhook_queue_due");
    }

    [Theory, BothDatabases]
    public async Task PayloadLists_EachFilter_ReadTheirIndexInListOrderWithoutSorting(DatabaseKind kind)
    {
        var (database, org, payload) = await ArrangeAsync(kind, analyze: true);
        var parameters = new
        {
            OrganizationId = org,
            Status = PayloadStatus.Failed,
            AfterReceivedAt = payload.ReceivedAt,
            AfterPayloadId = payload.PayloadId,
            Limit = 51,
            Offset = 0,
            Cap = WebhookStore.MaxCountedTotal + 1,
        };

        async Task<string> ListPlanAsync(string? organizationId, string? status, bool afterCursor) =>
            await QueryPlans.ExplainAsync(database, PayloadConditions.RowsSql(
                database.Dialect, PayloadConditions.Where(organizationId, new PayloadFilter { Status = status }), afterCursor), parameters);

        AssertPlan(kind, await ListPlanAsync(org, null, false), sqlite: "USING INDEX ix_webhook_payloads_org_received_id (organization_id=?)",
            mariaDbKey: "ix_webhook_payloads_org_received_id");
        AssertPlan(kind, await ListPlanAsync(org, null, true), sqlite: "USING INDEX ix_webhook_payloads_org_received_id (organization_id=? AND received_at<?)",
            mariaDbKey: "ix_webhook_payloads_org_received_id");
        AssertPlan(kind, await ListPlanAsync(org, PayloadStatus.Failed, false),
            sqlite: "USING INDEX ix_webhook_payloads_org_status_received_id (organization_id=? AND status=?)", mariaDbKey: "ix_webhook_payloads_org_status_received_id");
        AssertPlan(kind, await ListPlanAsync(null, PayloadStatus.Failed, false), sqlite: "USING INDEX ix_webhook_payloads_status_received_id (status=?)",
            mariaDbKey: "ix_webhook_payloads_status_received_id");
        AssertPlan(kind, await ListPlanAsync(null, null, true), sqlite: "USING INDEX ix_webhook_payloads_received_id_status_org (received_at<?)",
            mariaDbKey: "ix_webhook_payloads_received_id_status_org");
        var count = await QueryPlans.ExplainAsync(database, PayloadConditions.CountSql(PayloadConditions.Where(org, new PayloadFilter())), parameters);
        // Any organization index will do for the count, as long as it is read alone.
        AssertPlan(kind, count, sqlite: "USING COVERING INDEX ix_webhook_payloads_org", mariaDbKey: "ix_webhook_payloads_org_", mariaDbExtra: "Using index");
    }

    [Theory, BothDatabases]
    public async Task DashboardCounts_ReadTheReceivedIndexAloneNotThePayloadRows(DatabaseKind kind)
    {
        var (database, _, payload) = await ArrangeAsync(kind, analyze: true);
        var parameters = new DynamicParameters(PayloadCountReader.Window(payload.ReceivedAt));
        parameters.AddDynamicParams(new { PayloadStatus.Succeeded, PayloadStatus.Failed, PayloadStatus.Dead });

        var byStatus = await QueryPlans.ExplainAsync(database, PayloadCountReader.ByStatusSinceSql, parameters);
        var byOrganization = await QueryPlans.ExplainAsync(database, SystemStatsStore.SuccessByOrganizationSql, parameters);

        // SQLite may read the status index by skip-scan instead ("ANY(status) AND received_at>?"): as bounded, and as covering.
        AssertPlan(kind, byStatus, sqlite: "received_at>?)", mariaDbKey: "ix_webhook_payloads_received_id_status_org", mariaDbExtra: "Using index", sorts: true);
        AssertPlan(kind, byOrganization, sqlite: "received_at>?)", mariaDbKey: "ix_webhook_payloads_received_id_status_org", mariaDbExtra: "Using index", sorts: true);
        Assert.All(new[] { byStatus, byOrganization }.Where(_ => kind == DatabaseKind.Sqlite),
            plan => Assert.Contains("SEARCH webhook_payloads USING COVERING INDEX", plan, StringComparison.Ordinal));
    }

    /// <summary>
    /// On SQLite the expected step must appear, and no sort of the whole result (a sort of the rows sharing one received_at,
    /// "RIGHT PART OF ORDER BY", is fine); on MariaDB the payload table must be read through the expected key (or one whose
    /// name starts so), without a filesort.
    /// </summary>
    private static void AssertPlan(DatabaseKind kind, string plan, string sqlite, string mariaDbKey, string? mariaDbExtra = null, bool sorts = false)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            Assert.True(plan.Contains(sqlite, StringComparison.Ordinal), $"expected '{sqlite}' in:\n{plan}");
            Assert.True(sorts || !plan.Contains(SqliteSorts, StringComparison.Ordinal), $"a sort of the whole result in:\n{plan}");
            return;
        }

        var step = plan.Split('\n').FirstOrDefault(s => s.Contains($" key={mariaDbKey}", StringComparison.Ordinal));
        Assert.True(step is not null, $"expected key {mariaDbKey} in:\n{plan}");
        Assert.True(mariaDbExtra is null || step.Contains(mariaDbExtra, StringComparison.Ordinal), $"expected '{mariaDbExtra}' in:\n{plan}");
        Assert.True(sorts || !step.Contains(Sorts, StringComparison.Ordinal), $"a filesort in:\n{plan}");
    }

    /// <summary>
    /// One organization with a backlog (mostly queued, a few failed or succeeded, over a few days) and two small ones, and
    /// queue entries for half of them, written directly. Returns a small organization (the lists ask for it: a planner
    /// that walks the archive in time order to find its rows fails) and a payload in the middle of the backlog, as the
    /// worker's look-up names it.
    /// </summary>
    private async Task<(Database Database, string SmallOrg, PayloadKey Payload)> ArrangeAsync(DatabaseKind kind, bool analyze)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var start = TestClock.Create().GetUtcNow().UtcDateTime;
        var backlog = (await TestData.OrganizationAsync(database)).OrganizationId;
        var small = new[] { (await TestData.OrganizationAsync(database)).OrganizationId, (await TestData.OrganizationAsync(database)).OrganizationId };
        var rows = new List<PayloadKey>();
        for (var i = 0; i < BacklogPayloads; i++)
        {
            var status = (i % 50, i % 10) switch { (0, _) => PayloadStatus.Failed, (_, 1) => PayloadStatus.Succeeded, _ => PayloadStatus.Queued };
            rows.Add(new PayloadKey(Guid.NewGuid().ToString(), start.AddSeconds(i * 200), backlog) { Status = status });
            if (i < SmallOrganizationPayloads)
            {
                rows.AddRange(small.Select(org => new PayloadKey(Guid.NewGuid().ToString(), start.AddSeconds(i * 5000), org) { Status = status }));
            }
        }

        const string payloadSql = """
            INSERT INTO webhook_payloads (payload_id, received_at, organization_id, source_id, raw_payload, status, attempts, next_attempt_at, processed, updated_at)
            VALUES (@PayloadId, @ReceivedAt, @OrganizationId, @OrganizationId, '{}', @Status, 0, @ReceivedAt, 0, @ReceivedAt)
            """;
        const string queueSql = """
            INSERT INTO webhook_queue (payload_id, received_at, organization_id, status, attempts, next_attempt_at)
            VALUES (@PayloadId, @ReceivedAt, @OrganizationId, @Status, 0, @ReceivedAt)
            """;
        await using (var transaction = await database.BeginTransactionAsync(default))
        {
            await transaction.Connection.ExecuteAsync(payloadSql, rows, transaction.Transaction);
            await transaction.Connection.ExecuteAsync(queueSql, rows.Where((_, i) => i % 2 == 0), transaction.Transaction);
            await transaction.CommitAsync(default);
        }

        if (analyze)
        {
            await QueryPlans.AnalyzeAsync(database, "webhook_payloads", "webhook_queue");
        }

        return (database, small[0], rows.Where(r => r.OrganizationId == backlog).ElementAt(BacklogPayloads / 2));
    }

    /// <summary>A payload as the worker's look-up names it (its status only matters to the rows written).</summary>
    private sealed record PayloadKey(string PayloadId, DateTime ReceivedAt, string OrganizationId)
    {
        public string Status { get; init; } = PayloadStatus.Queued;
    }
}
