using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Infrastructure.QuickBooks.Metering;

/// <summary>QBO read calls per company and UTC month, shared by every instance (migration 8).</summary>
internal sealed class QboReadUsageStore(Database database, TimeProvider time)
{
    /// <summary>Adds each count to its month's figure, in one transaction; a row is created on the first read of a month.</summary>
    public async Task AddAsync(IReadOnlyDictionary<(string Month, string RealmId), long> counts, CancellationToken cancellationToken)
    {
        if (counts.Count == 0)
        {
            return;
        }

        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var ((month, realmId), reads) in counts)
        {
            var row = new { Month = month, RealmId = realmId, ReadCount = reads, Now = now };
            // Update first: after a company's first read of the month the row exists. The insert that follows a miss
            // skips a row another instance created meanwhile, and the update is then repeated.
            if (await UpdateAsync(transaction, row, cancellationToken) == 0
                && await transaction.Connection.ExecuteAsync(new CommandDefinition(
                    $"{database.Dialect.InsertIgnore} INTO qbo_read_usage (month, realm_id, read_count, updated_at) VALUES (@Month, @RealmId, @ReadCount, @Now)",
                    row, transaction.Transaction, cancellationToken: cancellationToken)) == 0)
            {
                await UpdateAsync(transaction, row, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Every company's reads in the month, most first.</summary>
    public Task<IReadOnlyList<RealmReads>> ListMonthAsync(string month, CancellationToken cancellationToken) =>
        database.QueryListAsync<RealmReads>(
            "SELECT realm_id AS RealmId, read_count AS ReadCount FROM qbo_read_usage WHERE month = @Month ORDER BY read_count DESC, realm_id",
            new { Month = month }, cancellationToken);

    private static Task<int> UpdateAsync(DatabaseTransaction transaction, object row, CancellationToken cancellationToken) =>
        transaction.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE qbo_read_usage SET read_count = read_count + @ReadCount, updated_at = @Now WHERE month = @Month AND realm_id = @RealmId",
            row, transaction.Transaction, cancellationToken: cancellationToken));
}

/// <summary>One company's metered reads in a month.</summary>
internal sealed record RealmReads
{
    public required string RealmId { get; init; }

    public long ReadCount { get; init; }
}
