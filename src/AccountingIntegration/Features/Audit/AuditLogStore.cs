using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Audit;

/// <summary>The seed's AuditLogDataStore: append entries, one or a batch at a time, and query them.</summary>
internal sealed class AuditLogStore(Database database, TimeProvider time)
{
    private const string Columns = "log_id, timestamp, organization_id, actor_type, actor_id, category, action, target_type, target_id, details, ip";

    /// <summary>The list filter, shared with the CSV export so both select the same rows.</summary>
    internal const string FilterSql = """
        WHERE (@OrganizationId IS NULL OR organization_id = @OrganizationId)
          AND (@Category IS NULL OR category = @Category)
          AND (@Action IS NULL OR action = @Action)
          AND (@ActorId IS NULL OR actor_id = @ActorId)
          AND (@From IS NULL OR timestamp >= @From)
          AND (@To IS NULL OR timestamp < @To)
        """;

    private const string InsertSql = $"""
        INSERT INTO audit_logs ({Columns})
        VALUES (@LogId, @Timestamp, @OrganizationId, @ActorType, @ActorId, @Category, @Action, @TargetType, @TargetId, @Details, @Ip)
        """;

    /// <summary>Stores one entry (the seed's log_event) and returns it with its id and time.</summary>
    public async Task<AuditEntry> InsertAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var stored = Complete(entry);
        await database.ExecuteAsync(InsertSql, stored, cancellationToken);
        return stored;
    }

    /// <summary>Stores one entry in <paramref name="transaction"/>: it stands or falls with the action the transaction writes.</summary>
    public async Task<AuditEntry> InsertAsync(DatabaseTransaction transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        var stored = Complete(entry);
        await transaction.ExecuteAsync(InsertSql, stored, cancellationToken);
        return stored;
    }

    /// <summary>Stores a batch in one transaction: all entries or none.</summary>
    public async Task<IReadOnlyList<AuditEntry>> InsertBatchAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var stored = entries.Select(Complete).ToList();
        await database.ExecuteBatchAsync(InsertSql, stored, cancellationToken);
        return stored;
    }

    /// <summary>Entries matching the filter, newest first.</summary>
    public async Task<Page<AuditEntry>> ListAsync(AuditFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var parameters = new { filter.OrganizationId, filter.Category, filter.Action, filter.ActorId, filter.From, filter.To };
        return await CappedPage.ReadAsync<AuditEntry>(database,
            $"SELECT {Columns} FROM audit_logs {FilterSql} ORDER BY timestamp DESC, log_id DESC {database.Dialect.Paging}", $"audit_logs {FilterSql}", parameters, page,
            cancellationToken);
    }

    private AuditEntry Complete(AuditEntry entry) => entry with
    {
        LogId = entry.LogId.Length > 0 ? entry.LogId : Ids.New(time),
        Timestamp = entry.Timestamp == default ? time.GetUtcNow().UtcDateTime : entry.Timestamp,
    };
}
