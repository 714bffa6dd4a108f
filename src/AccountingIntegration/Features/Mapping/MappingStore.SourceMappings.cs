using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Mapping;

/// <summary>Per-source mappings: one row per organization and source.</summary>
internal sealed partial class MappingStore
{
    private const string SourceMappingColumns =
        "mapping_id, organization_id, source_id, field_mappings, static_values, event_actions, priority, is_active, created_at, updated_at";

    /// <summary>
    /// Creates or replaces the mapping of the organization's source, with what <c>alongside</c> writes of the mapping as
    /// written (its audit entry) in the same transaction; null when the organization has no such source.
    /// </summary>
    /// <remarks>
    /// mapping_configurations has no unique key on (organization_id, source_id), so neither an
    /// upsert nor insert-or-ignore can keep it to one row. Instead the transaction first locks the
    /// source's own row (SELECT … FOR UPDATE on MySQL; on SQLite the IMMEDIATE transaction is the
    /// lock), which serializes every writer of this source's mapping: the SELECT-then-UPDATE-or-INSERT
    /// that follows cannot race, and the lock doubles as the check that the source belongs to the org.
    /// Concurrent writers are last-writer-wins on the single row.
    /// </remarks>
    public async Task<SourceMapping?> UpsertSourceMappingAsync(
        string organizationId, string sourceId, string fieldMappingsJson, string staticValuesJson, int priority, bool isActive,
        CancellationToken cancellationToken, string? eventActionsJson = null, string? expectedVersion = null,
        Func<DatabaseTransaction, SourceMapping, Task>? alongside = null)
    {
        var lockSourceSql = database.Dialect.Provider == DatabaseProvider.MySql
            ? "SELECT source_id FROM webhook_sources WHERE organization_id = @OrganizationId AND source_id = @SourceId FOR UPDATE"
            : "SELECT source_id FROM webhook_sources WHERE organization_id = @OrganizationId AND source_id = @SourceId";
        const string existingSql = $"""
            SELECT {SourceMappingColumns} FROM mapping_configurations
            WHERE organization_id = @OrganizationId AND source_id = @SourceId
            ORDER BY created_at, mapping_id
            LIMIT 1
            """;
        const string updateSql = """
            UPDATE mapping_configurations
            SET field_mappings = @FieldMappings, static_values = @StaticValues, event_actions = @EventActions, priority = @Priority, is_active = @IsActive,
                updated_at = @UpdatedAt
            WHERE mapping_id = @MappingId
            """;
        const string insertSql = $"""
            INSERT INTO mapping_configurations ({SourceMappingColumns})
            VALUES (@MappingId, @OrganizationId, @SourceId, @FieldMappings, @StaticValues, @EventActions, @Priority, @IsActive, @CreatedAt, @UpdatedAt)
            """;
        var now = time.GetUtcNow().UtcDateTime;
        var key = new { OrganizationId = organizationId, SourceId = sourceId };

        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var connection = transaction.Connection;
        var source = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(lockSourceSql, key, transaction.Transaction, cancellationToken: cancellationToken));
        if (source is null)
        {
            return null;
        }

        var existing = await connection.QuerySingleOrDefaultAsync<SourceMapping>(new CommandDefinition(existingSql, key, transaction.Transaction, cancellationToken: cancellationToken));
        // Checked under the source's lock (FOR UPDATE on MariaDB, BEGIN IMMEDIATE on SQLite): two saves from the same
        // version cannot both win.
        if (expectedVersion is not null && SourceMapping.VersionOf(existing) is var current && current != expectedVersion)
        {
            throw new SourceMappingVersionConflictException(current);
        }

        var mapping = (existing ?? new SourceMapping
        {
            MappingId = Ids.New(time),
            OrganizationId = organizationId,
            SourceId = sourceId,
            FieldMappings = fieldMappingsJson,
            StaticValues = staticValuesJson,
            CreatedAt = now,
        }) with
        {
            FieldMappings = fieldMappingsJson,
            StaticValues = staticValuesJson,
            EventActions = eventActionsJson,
            Priority = priority,
            IsActive = isActive,
            UpdatedAt = now,
        };
        await transaction.ExecuteAsync(existing is null ? insertSql : updateSql, mapping, cancellationToken);
        if (alongside is not null)
        {
            await alongside(transaction, mapping);
        }

        await transaction.CommitAsync(cancellationToken);
        return mapping;
    }

    /// <summary>The seed's get_source_mapping: the source's mapping when active, else null.</summary>
    public Task<SourceMapping?> GetSourceMappingAsync(string organizationId, string sourceId, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<SourceMapping>(
            $"""
            SELECT {SourceMappingColumns} FROM mapping_configurations
            WHERE organization_id = @OrganizationId AND source_id = @SourceId AND is_active = @True
            ORDER BY created_at, mapping_id
            LIMIT 1
            """,
            new { OrganizationId = organizationId, SourceId = sourceId, True = true }, cancellationToken);
}
