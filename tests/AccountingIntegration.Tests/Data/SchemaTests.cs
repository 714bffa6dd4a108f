using AccountingIntegration.Infrastructure.Data.Migrations;
using AccountingIntegration.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountingIntegration.Tests.Data;

public sealed class SchemaTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly string[] SpecTables =
    [
        "organizations", "admin_users", "global_mapping_templates", "client_mapping_overrides", "webhook_sources",
        "webhook_payloads", "mapping_configurations", "oauth_tokens", "sync_logs", "api_keys", "api_usage_logs",
        "audit_logs", "connect_tokens",
    ];

    // The seed's indexes (SPEC §4) plus the unique keys, by name.
    private static readonly (string Table, string Index)[] RequiredIndexes =
    [
        ("organizations", "ux_organizations_slug"),
        ("admin_users", "ux_admin_users_email"),
        ("global_mapping_templates", "ix_global_mapping_templates_type_active"),
        ("client_mapping_overrides", "ix_client_mapping_overrides_org_source"),
        ("webhook_sources", "ix_webhook_sources_org_active"),
        ("webhook_payloads", "ix_webhook_payloads_org_source_processed"),
        ("mapping_configurations", "ix_mapping_configurations_org_source_active"),
        ("oauth_tokens", "ux_oauth_tokens_org_realm"),
        ("oauth_tokens", "ix_oauth_tokens_sync_status"),
        ("sync_logs", "ix_sync_logs_org_payload_status"),
        ("api_keys", "ux_api_keys_key_hash"),
        ("api_keys", "ix_api_keys_org_active"),
        ("api_usage_logs", "ix_api_usage_logs_org_key_endpoint"),
        ("audit_logs", "ix_audit_logs_org_category_action"),
        ("connect_tokens", "ux_connect_tokens_token_hash"),
        ("connect_tokens", "ix_connect_tokens_org_active"),
    ];

    [Theory, BothDatabases]
    public async Task Migrate_CreatesAllThirteenTablesAndTheirIndexes(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var connection = await database.Database.OpenAsync();

        var tables = kind == DatabaseKind.Sqlite
            ? await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")
            : await connection.QueryAsync<string>("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()");
        var indexes = kind == DatabaseKind.Sqlite
            ? await connection.QueryAsync<(string, string)>("SELECT tbl_name, name FROM sqlite_master WHERE type = 'index'")
            : await connection.QueryAsync<(string, string)>("SELECT DISTINCT TABLE_NAME, INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()");

        var indexSet = indexes.ToHashSet();
        var missingTables = SpecTables.Except(tables).ToList();
        var missingIndexes = RequiredIndexes.Where(i => !indexSet.Contains(i)).ToList();
        Assert.Empty(missingTables);
        Assert.Empty(missingIndexes);
    }

    [Theory, BothDatabases]
    public async Task Migrate_RunTwice_IsANoOpAtTheLatestVersion(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        var migrator = new DatabaseMigrator(database.Database, NullLogger<DatabaseMigrator>.Instance);

        await migrator.MigrateAsync();

        Assert.Equal(DatabaseMigrator.LatestVersion, await migrator.GetAppliedVersionAsync());
    }

    [Fact]
    public async Task Migrate_MySql_PartitionsTheFourHighVolumeTablesAheadOfTime()
    {
        var database = await databases.GetAsync(DatabaseKind.MySql);
        var maintenance = new PartitionMaintenance(database.Database, new(), TimeProvider.System, NullLogger<PartitionMaintenance>.Instance);
        var thisMonth = "p" + DateTime.UtcNow.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture);

        foreach (var plan in PartitionPlan.All)
        {
            var partitions = await maintenance.ListPartitionsAsync(plan.Table);
            Assert.Equal(PartitionPlan.CatchAll, partitions[^1].Name);
            Assert.Contains(partitions, p => p.Name.StartsWith(thisMonth, StringComparison.Ordinal));
            Assert.True(partitions.Count >= plan.PeriodsAhead + 2, $"{plan.Table} has {partitions.Count} partitions");
        }
    }
}
