using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Status;
using AccountingIntegration.Infrastructure.Csv;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Data;

/// <summary>
/// A CSV export first counts its matches up to its row limit, then reads pages newest first. Both must read an index in
/// the export's order: a filter the planner cannot see (or a sync log without a time index) made each of them read every
/// row of the archive, bodies included, before the first byte went out.
/// </summary>
public sealed class ExportQueryPlanTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string SqliteSorts = "USE TEMP B-TREE FOR ORDER BY";

    [Theory, BothDatabases]
    public async Task PayloadExport_CountAndFirstPage_ReadTheOrganizationsIndexAlone(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        await QueryPlans.AnalyzeAsync(database, "webhook_payloads");
        var table = ExportReader.CountSql(PayloadExport.Table with { Where = PayloadConditions.Where("org", new PayloadFilter()) });
        var page = ExportReader.FirstPageSql(PayloadExport.Table with { Where = PayloadConditions.Where("org", new PayloadFilter()) });
        var parameters = new { OrganizationId = "org", Cap = 100_001, Limit = 500 };

        var count = await QueryPlans.ExplainAsync(database, table, parameters);
        var first = await QueryPlans.ExplainAsync(database, page, parameters);

        AssertReads(kind, count, "ix_webhook_payloads_org", covering: true);
        AssertReads(kind, first, "ix_webhook_payloads_org_received_id", covering: false);
    }

    [Theory, BothDatabases]
    public async Task SyncLogExport_CountAndFirstPage_ReadATimeIndexWithoutSorting(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        await QueryPlans.AnalyzeAsync(database, "sync_logs");
        var parameters = new { OrganizationId = "org", Status = "failed", Cap = 100_001, Limit = 500 };

        string Sql(Func<ExportTable, string> sql, SyncLogFilter filter) => sql(SyncLogExport.Table with { Where = SyncLogStore.Where(filter) });

        // Any index carrying the status will do for the count, as long as it is read alone.
        AssertReads(kind, await QueryPlans.ExplainAsync(database, Sql(ExportReader.CountSql, new SyncLogFilter { Status = "failed" }), parameters),
            "ix_sync_logs_", covering: true);
        AssertReads(kind, await QueryPlans.ExplainAsync(database, Sql(ExportReader.FirstPageSql, new SyncLogFilter()), parameters),
            "ix_sync_logs_created_id_status_org", covering: false);
        AssertReads(kind, await QueryPlans.ExplainAsync(database, Sql(ExportReader.FirstPageSql, new SyncLogFilter { OrganizationId = "org" }), parameters),
            "ix_sync_logs_org_created_id", covering: false);
    }

    private static void AssertReads(DatabaseKind kind, string plan, string index, bool covering)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            Assert.True(plan.Contains($"{(covering ? "COVERING " : string.Empty)}INDEX {index}", StringComparison.Ordinal), plan);
            Assert.False(plan.Contains(SqliteSorts, StringComparison.Ordinal), plan);
            return;
        }

        var step = plan.Split('\n').FirstOrDefault(s => s.Contains($" key={index}", StringComparison.Ordinal));
        Assert.True(step is not null, plan);
        Assert.True(!covering || step.Contains("Using index", StringComparison.Ordinal), plan);
        Assert.False(step.Contains("filesort", StringComparison.Ordinal), plan);
    }
}
