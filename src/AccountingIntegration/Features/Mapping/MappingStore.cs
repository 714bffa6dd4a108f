using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Mapping;

/// <summary>
/// The seed's MappingDataStore: the three mapping layers. Global templates here; client
/// overrides in <c>MappingStore.Overrides.cs</c>; per-source mappings in <c>MappingStore.SourceMappings.cs</c>.
/// </summary>
internal sealed partial class MappingStore(Database database, TimeProvider time)
{
    private const string TemplateColumns =
        "template_id, name, source_type, description, field_mappings, static_values, event_actions, priority, version, is_active, created_at, updated_at";

    /// <summary>Creates a template, with what <paramref name="alongside"/> writes (its audit entry) in the same transaction.</summary>
    public async Task<MappingTemplate> CreateTemplateAsync(
        string name, string sourceType, string? description, string fieldMappingsJson, string staticValuesJson, int priority,
        CancellationToken cancellationToken, string? eventActionsJson = null, Func<DatabaseTransaction, MappingTemplate, Task>? alongside = null)
    {
        const string sql = $"""
            INSERT INTO global_mapping_templates ({TemplateColumns})
            VALUES (@TemplateId, @Name, @SourceType, @Description, @FieldMappings, @StaticValues, @EventActions, @Priority, @Version, @IsActive, @CreatedAt, @UpdatedAt)
            """;
        var now = time.GetUtcNow().UtcDateTime;
        var template = new MappingTemplate
        {
            TemplateId = Ids.New(time),
            Name = name,
            SourceType = sourceType,
            Description = description,
            FieldMappings = fieldMappingsJson,
            StaticValues = staticValuesJson,
            EventActions = eventActionsJson,
            Priority = priority,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await database.ExecuteAsync(sql, template, alongside, cancellationToken);
        return template;
    }

    public Task<MappingTemplate?> GetTemplateAsync(string templateId, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<MappingTemplate>(
            $"SELECT {TemplateColumns} FROM global_mapping_templates WHERE template_id = @TemplateId",
            new { TemplateId = templateId }, cancellationToken);

    public async Task<Page<MappingTemplate>> ListTemplatesAsync(string? sourceType, bool activeOnly, PageRequest page, CancellationToken cancellationToken)
    {
        const string where = "WHERE (@SourceType IS NULL OR source_type = @SourceType) AND (@ActiveOnly = @False OR is_active = @True)";
        var parameters = new { SourceType = sourceType, ActiveOnly = activeOnly, False = false, True = true, page.Limit, page.Offset };
        var rows = await database.QueryListAsync<MappingTemplate>(
            $"SELECT {TemplateColumns} FROM global_mapping_templates {where} ORDER BY source_type, priority, created_at, template_id {database.Dialect.Paging}",
            parameters, cancellationToken);
        var total = await database.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) FROM global_mapping_templates {where}", parameters, cancellationToken);
        return new Page<MappingTemplate>(rows, total, page);
    }

    /// <summary>
    /// Writes the template's fields if it is still at <paramref name="expectedVersion"/>, bumping
    /// the version in the same statement; false when someone else changed it first (or it is unknown). What
    /// <paramref name="alongside"/> writes of the template as written (its audit entry) commits with it.
    /// </summary>
    public async Task<bool> UpdateTemplateAsync(MappingTemplate template, int expectedVersion, CancellationToken cancellationToken,
        Func<DatabaseTransaction, MappingTemplate, Task>? alongside = null)
    {
        const string sql = """
            UPDATE global_mapping_templates
            SET name = @Name, source_type = @SourceType, description = @Description, field_mappings = @FieldMappings,
                static_values = @StaticValues, event_actions = @EventActions, priority = @Priority, is_active = @IsActive, version = version + 1, updated_at = @Now
            WHERE template_id = @TemplateId AND version = @ExpectedVersion
            """;
        var parameters = new
        {
            template.Name,
            template.SourceType,
            template.Description,
            template.FieldMappings,
            template.StaticValues,
            template.EventActions,
            template.Priority,
            template.IsActive,
            Now = time.GetUtcNow().UtcDateTime,
            template.TemplateId,
            ExpectedVersion = expectedVersion,
        };
        return await database.ExecuteAsync(sql, parameters, Written(template.TemplateId, alongside, cancellationToken), cancellationToken) == 1;
    }

    /// <summary>
    /// Writes a shipped template's new content over an installed copy no operator has changed: only while it is
    /// still at version 1, and leaving it there, so the next release can upgrade it again. False when an operator
    /// changed it first.
    /// </summary>
    public async Task<bool> UpgradeBuiltInTemplateAsync(MappingTemplate template, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE global_mapping_templates
            SET name = @Name, description = @Description, field_mappings = @FieldMappings, static_values = @StaticValues,
                event_actions = @EventActions, updated_at = @Now
            WHERE template_id = @TemplateId AND version = 1
            """;
        var parameters = new
        {
            template.Name,
            template.Description,
            template.FieldMappings,
            template.StaticValues,
            template.EventActions,
            Now = time.GetUtcNow().UtcDateTime,
            template.TemplateId,
        };
        return await database.ExecuteAsync(sql, parameters, cancellationToken) == 1;
    }

    /// <summary>
    /// Takes the template out of every merge; the version moves so cached merges notice. False when it was inactive
    /// already; otherwise what <paramref name="alongside"/> writes of the template as written commits with it.
    /// </summary>
    public async Task<bool> DeactivateTemplateAsync(string templateId, CancellationToken cancellationToken,
        Func<DatabaseTransaction, MappingTemplate, Task>? alongside = null)
    {
        const string sql = """
            UPDATE global_mapping_templates SET is_active = @False, version = version + 1, updated_at = @Now
            WHERE template_id = @TemplateId AND is_active = @True
            """;
        var parameters = new { False = false, True = true, Now = time.GetUtcNow().UtcDateTime, TemplateId = templateId };
        return await database.ExecuteAsync(sql, parameters, Written(templateId, alongside, cancellationToken), cancellationToken) == 1;
    }

    /// <summary>Hands <paramref name="alongside"/> the template as the transaction wrote it, with the version the write gave it.</summary>
    private static Func<DatabaseTransaction, Task>? Written(string templateId, Func<DatabaseTransaction, MappingTemplate, Task>? alongside,
        CancellationToken cancellationToken) =>
        alongside is null
            ? null
            : async transaction => await alongside(transaction, await transaction.QuerySingleAsync<MappingTemplate>(
                $"SELECT {TemplateColumns} FROM global_mapping_templates WHERE template_id = @TemplateId", new { TemplateId = templateId }, cancellationToken));

    /// <summary>The seed's get_global_templates: active templates of a source type in merge order (priority, then age).</summary>
    public Task<IReadOnlyList<MappingTemplate>> GetGlobalTemplatesAsync(string sourceType, CancellationToken cancellationToken) =>
        database.QueryListAsync<MappingTemplate>(
            $"SELECT {TemplateColumns} FROM global_mapping_templates WHERE source_type = @SourceType AND is_active = @True ORDER BY priority, created_at, template_id",
            new { SourceType = sourceType, True = true }, cancellationToken);
}
