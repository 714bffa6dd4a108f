using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Books.Batching;

/// <summary>
/// Documents sent alone whose answer never came (table <c>qbo_uncertain_creates</c>): where, in QBO's clock, a look-up
/// for each starts, kept by the instance that sent it, which measured QBO's clock then. A later attempt on any instance
/// reads from there. The first bound kept for a fingerprint stays: it is the earliest.
/// </summary>
internal sealed class UncertainCreates(Database database, TimeProvider time)
{
    /// <summary>Keeps where a look-up for <paramref name="fingerprint"/> starts, unless an earlier send kept one.</summary>
    public Task KeepAsync(string fingerprint, DateTime earliestCreateTime, CancellationToken cancellationToken) => database.ExecuteAsync(
        $"{database.Dialect.InsertIgnore} INTO qbo_uncertain_creates (fingerprint, earliest_create_time, created_at) VALUES (@Fingerprint, @Since, @Now)",
        new { Fingerprint = fingerprint, Since = earliestCreateTime, Now = time.GetUtcNow().UtcDateTime }, cancellationToken);

    /// <summary>The earliest CreateTime (UTC, QBO's clock) kept for <paramref name="fingerprint"/>; null when none was.</summary>
    public Task<DateTime?> EarliestCreateTimeAsync(string fingerprint, CancellationToken cancellationToken) => database.QuerySingleOrDefaultAsync<DateTime?>(
        "SELECT earliest_create_time FROM qbo_uncertain_creates WHERE fingerprint = @Fingerprint", new { Fingerprint = fingerprint }, cancellationToken);

    /// <summary>Deletes what was kept before <paramref name="before"/>; returns how many.</summary>
    public Task<int> DeleteOlderThanAsync(DateTime before, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM qbo_uncertain_creates WHERE created_at < @Before", new { Before = before }, cancellationToken);
}
