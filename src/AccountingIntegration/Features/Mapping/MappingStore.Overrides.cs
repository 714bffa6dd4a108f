using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Mapping;

/// <summary>Client overrides: an organization's layers for one source or (source_id NULL) for all of them.</summary>
internal sealed partial class MappingStore
{
    private const string OverrideColumns =
        "override_id, organization_id, source_id, name, field_mappings, static_values, event_actions, priority, is_active, created_at, updated_at";

    /// <summary>Creates an override, with what <paramref name="alongside"/> writes (its audit entry) in the same transaction.</summary>
    public async Task<ClientOverride> CreateOverrideAsync(
        string organizationId, string? sourceId, string name, string fieldMappingsJson, string staticValuesJson, int priority,
        CancellationToken cancellationToken, string? eventActionsJson = null, bool isActive = true, Func<DatabaseTransaction, ClientOverride, Task>? alongside = null)
    {
        const string sql = $"""
            INSERT INTO client_mapping_overrides ({OverrideColumns})
            VALUES (@OverrideId, @OrganizationId, @SourceId, @Name, @FieldMappings, @StaticValues, @EventActions, @Priority, @IsActive, @CreatedAt, @UpdatedAt)
            """;
        // As stored (to the microsecond), so the version the caller gets back is the one a later read shows.
        var now = StoredNow();
        var entry = new ClientOverride
        {
            OverrideId = Ids.New(time),
            OrganizationId = organizationId,
            SourceId = sourceId,
            Name = name,
            FieldMappings = fieldMappingsJson,
            StaticValues = staticValuesJson,
            EventActions = eventActionsJson,
            Priority = priority,
            IsActive = isActive,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await database.ExecuteAsync(sql, entry, alongside, cancellationToken);
        return entry;
    }

    public Task<ClientOverride?> GetOverrideAsync(string organizationId, string overrideId, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<ClientOverride>(
            $"SELECT {OverrideColumns} FROM client_mapping_overrides WHERE organization_id = @OrganizationId AND override_id = @OverrideId",
            new { OrganizationId = organizationId, OverrideId = overrideId }, cancellationToken);

    public Task<IReadOnlyList<ClientOverride>> ListOverridesAsync(string organizationId, CancellationToken cancellationToken) =>
        database.QueryListAsync<ClientOverride>(
            $"SELECT {OverrideColumns} FROM client_mapping_overrides WHERE organization_id = @OrganizationId ORDER BY priority, created_at, override_id",
            new { OrganizationId = organizationId }, cancellationToken);

    /// <summary>
    /// Writes source, name, layers, priority and active flag of the organization's override; false when it has none with
    /// this id or, given <paramref name="expectedUpdatedAt"/>, when it changed since then (the check and the write are one
    /// statement, so two saves of one version cannot both win). What <paramref name="alongside"/> writes of the override as
    /// written (its audit entry) commits with it.
    /// </summary>
    public async Task<bool> UpdateOverrideAsync(ClientOverride entry, CancellationToken cancellationToken, DateTime? expectedUpdatedAt = null,
        Func<DatabaseTransaction, ClientOverride, Task>? alongside = null)
    {
        const string sql = """
            UPDATE client_mapping_overrides
            SET source_id = @SourceId, name = @Name, field_mappings = @FieldMappings, static_values = @StaticValues, event_actions = @EventActions,
                priority = @Priority, is_active = @IsActive, updated_at = @UpdatedAt
            WHERE organization_id = @OrganizationId AND override_id = @OverrideId
            """;
        var changed = entry with { UpdatedAt = NextChange(entry.UpdatedAt) };
        var written = alongside is null ? null : (Func<DatabaseTransaction, Task>)(transaction => alongside(transaction, changed));
        return expectedUpdatedAt is { } expected
            ? await database.ExecuteAsync(sql + " AND updated_at = @Expected", new
            {
                changed.SourceId, changed.Name, changed.FieldMappings, changed.StaticValues, changed.EventActions, changed.Priority, changed.IsActive,
                changed.UpdatedAt, changed.OrganizationId, changed.OverrideId, Expected = expected,
            }, written, cancellationToken) == 1
            : await database.ExecuteAsync(sql, changed, written, cancellationToken) == 1;
    }

    /// <summary>
    /// Now, to the microsecond both databases keep, and later than <paramref name="previous"/>: the change time is the
    /// override's version, so a save within the same microsecond (or on a clock that stands still) must still move it.
    /// </summary>
    private DateTime NextChange(DateTime previous)
    {
        var now = StoredNow();
        return now > previous ? now : previous.AddTicks(10);
    }

    /// <summary>Now, cut to the microsecond: what DATETIME(6) keeps, so a value written reads back unchanged on both databases.</summary>
    private DateTime StoredNow()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
    }

    /// <summary>Deletes the override, with what <paramref name="alongside"/> writes (its audit entry); false when there was none.</summary>
    public async Task<bool> DeleteOverrideAsync(string organizationId, string overrideId, CancellationToken cancellationToken,
        Func<DatabaseTransaction, Task>? alongside = null) =>
        await database.ExecuteAsync(
            "DELETE FROM client_mapping_overrides WHERE organization_id = @OrganizationId AND override_id = @OverrideId",
            new { OrganizationId = organizationId, OverrideId = overrideId }, alongside, cancellationToken) == 1;

    /// <summary>The seed's get_client_overrides: active overrides for this source or for all sources, in merge order.</summary>
    public Task<IReadOnlyList<ClientOverride>> GetClientOverridesAsync(string organizationId, string sourceId, CancellationToken cancellationToken) =>
        database.QueryListAsync<ClientOverride>(
            $"""
            SELECT {OverrideColumns} FROM client_mapping_overrides
            WHERE organization_id = @OrganizationId AND (source_id = @SourceId OR source_id IS NULL) AND is_active = @True
            ORDER BY priority, created_at, override_id
            """,
            new { OrganizationId = organizationId, SourceId = sourceId, True = true }, cancellationToken);
}
