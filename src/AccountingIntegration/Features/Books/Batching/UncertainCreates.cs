using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Books.Batching;

/// <summary>
/// Documents sent alone whose answer never came (table <c>qbo_uncertain_creates</c>): where, in QBO's clock, a look-up
/// for each starts, kept by the instance that sent it, which measured QBO's clock then. A later attempt on any instance
/// reads from there. The first bound kept for a fingerprint stays: it is the earliest.
/// </summary>
internal sealed class UncertainCreates(Database database, TimeProvider time)
{
    /// <summary>Keeps where a look-up for <paramref name="fingerprint"/> starts, unless an earlier send kept one.</summary>
    public async Task KeepAsync(string fingerprint, DateTime earliestCreateTime, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"{database.Dialect.InsertIgnore} INTO qbo_uncertain_creates (fingerprint, earliest_create_time, created_at) VALUES (@Fingerprint, @Since, @Now)",
            new { Fingerprint = fingerprint, Since = earliestCreateTime, Now = time.GetUtcNow().UtcDateTime }, cancellationToken: cancellationToken));
    }

    /// <summary>The earliest CreateTime (UTC, QBO's clock) kept for <paramref name="fingerprint"/>; null when none was.</summary>
    public async Task<DateTime?> EarliestCreateTimeAsync(string fingerprint, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(
            "SELECT earliest_create_time FROM qbo_uncertain_creates WHERE fingerprint = @Fingerprint", new { Fingerprint = fingerprint },
            cancellationToken: cancellationToken));
    }

    /// <summary>Deletes what was kept before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTime before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM qbo_uncertain_creates WHERE created_at < @Before", new { Before = before }, cancellationToken: cancellationToken));
    }
}
