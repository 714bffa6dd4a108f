using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// How long claimable work has gone unclaimed: the readiness probe's "queue not stalled". An entry is
/// claimable on the terms the workers claim by (<see cref="WebhookQueueStore.ClaimableCondition"/>); a lease that
/// ran out makes it due again from the moment it ran out.
/// </summary>
internal sealed class QueueBacklog(Database database)
{
    /// <summary>When the longest-waiting claimable entry became due, or null when no entry is claimable at <paramref name="now"/>.</summary>
    /// <param name="now">The service clock's current UTC time.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<DateTime?> OldestUnclaimedDueAsync(DateTime now, CancellationToken cancellationToken)
    {
        // An entry became due at its due time, or when its lease ran out if that came later, so no entry due after the
        // first claimable one became due before it: the due index is read from its start up to that entry's moment, which
        // is the first entry itself unless leases ran out (a crashed worker), not across a backlog of a million.
        const string becameDue = "CASE WHEN lease_until IS NOT NULL AND lease_until > next_attempt_at THEN lease_until ELSE next_attempt_at END";
        const string firstSql = $"""
            SELECT {becameDue} FROM webhook_queue WHERE {WebhookQueueStore.ClaimableCondition} ORDER BY next_attempt_at LIMIT 1
            """;
        // The claimable condition with @First (never after @Now) as the only bound on the due time, so that both planners
        // read the due index up to it rather than up to now.
        const string earliestSql = $"""
            SELECT MIN({becameDue}) FROM webhook_queue
            WHERE next_attempt_at <= @First AND status IN (@Queued, @Retrying, @Processing, @WaitingDependency)
              AND (lease_until IS NULL OR lease_until < @Now)
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var first = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(firstSql, WebhookQueueStore.ClaimableParameters(now), cancellationToken: cancellationToken));
        if (first is null)
        {
            return null;
        }

        var parameters = new DynamicParameters(WebhookQueueStore.ClaimableParameters(now));
        parameters.Add("First", first.Value);
        return await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(earliestSql, parameters, cancellationToken: cancellationToken));
    }
}
