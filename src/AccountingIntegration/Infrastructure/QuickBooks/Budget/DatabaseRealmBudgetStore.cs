using System.Collections.Concurrent;
using System.Data.Common;
using AccountingIntegration.Infrastructure.Concurrency;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

/// <summary>
/// A company's budget in the database every instance shares, so together they stay within QBO's limits and a restart
/// finds the minute's grants where it left them. A reservation locks the company's row (an UPDATE takes the row lock on
/// MariaDB; SQLite's write transaction is the lock), reads what the last minute's grants and the live slot leases add up
/// to, and records its own block: one transaction per block of permits, never one per QBO call.
/// </summary>
internal sealed class DatabaseRealmBudgetStore(Database database, InstanceIdentity instance, QboOptions options, TimeProvider time) : IRealmBudgetStore
{
    private readonly RealmBudgetLimits _limits = RealmBudgetLimits.From(options);
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    public async Task<RealmGrant> ReserveAsync(RealmBudgetRequest request, CancellationToken cancellationToken)
    {
        const string lockSql = "UPDATE qbo_realm_budget SET reserved_at_ms = @Now WHERE realm_id = @RealmId";
        const string pruneSql = """
            DELETE FROM qbo_realm_grants WHERE realm_id = @RealmId AND (granted_at_ms <= @MinuteFrom OR granted_at_ms > @GrantHorizon);
            DELETE FROM qbo_realm_holders WHERE realm_id = @RealmId AND instance_id <> @Instance
              AND (expires_at_ms <= @Now OR expires_at_ms > @LeaseHorizon);
            """;
        const string grantsSql = """
            SELECT
              COALESCE(SUM(CASE WHEN granted_at_ms > @SecondFrom THEN requests ELSE 0 END), 0) AS RequestsInSecond,
              COALESCE(SUM(requests), 0) AS RequestsInMinute,
              COALESCE(SUM(batches), 0) AS BatchesInMinute,
              MIN(CASE WHEN granted_at_ms > @SecondFrom THEN granted_at_ms END) AS OldestInSecond,
              MIN(granted_at_ms) AS OldestInMinute,
              MIN(CASE WHEN batches > 0 THEN granted_at_ms END) AS OldestBatch
            FROM qbo_realm_grants WHERE realm_id = @RealmId AND granted_at_ms > @MinuteFrom
            """;
        const string othersSql = """
            SELECT COALESCE(SUM(held), 0) AS Held, COUNT(*) AS Wanting FROM qbo_realm_holders
            WHERE realm_id = @RealmId AND instance_id <> @Instance AND expires_at_ms > @Now AND (held > 0 OR wanted > 0)
            """;
        const string insertGrantSql = """
            INSERT INTO qbo_realm_grants (grant_id, realm_id, granted_at_ms, requests, batches)
            VALUES (@GrantId, @RealmId, @Now, @Requests, @Batches)
            """;

        await EnsureRealmAsync(request.RealmId, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(lockSql, new { request.RealmId, Now = time.GetUtcNow().ToUnixTimeMilliseconds() }, transaction,
            cancellationToken: cancellationToken));
        // The clock is read once the lock is held, so waiting for it (another instance reserving) does not count.
        var now = time.GetUtcNow();
        var at = now.ToUnixTimeMilliseconds();
        // Rows dated further ahead than any clock within the margin could date them came from a clock that was far off
        // (or set back since): they are dropped rather than left to freeze the company's budget until that time comes.
        var parameters = new
        {
            request.RealmId,
            Instance = instance.LeaseOwner,
            Now = at,
            GrantHorizon = at + (long)_limits.SecondWindow.TotalMilliseconds,
            LeaseHorizon = at + (long)(_limits.ConcurrencyLease + _limits.SecondWindow).TotalMilliseconds,
            SecondFrom = at - (long)_limits.SecondWindow.TotalMilliseconds,
            MinuteFrom = at - (long)_limits.MinuteWindow.TotalMilliseconds,
        };

        await connection.ExecuteAsync(new CommandDefinition(pruneSql, parameters, transaction, cancellationToken: cancellationToken));
        var grants = await connection.QuerySingleAsync<GrantSums>(new CommandDefinition(grantsSql, parameters, transaction, cancellationToken: cancellationToken));
        var others = await connection.QuerySingleAsync<OtherHolders>(new CommandDefinition(othersSql, parameters, transaction, cancellationToken: cancellationToken));
        var use = new RealmBudgetUse((int)grants.RequestsInSecond, (int)grants.RequestsInMinute, (int)grants.BatchesInMinute,
            grants.OldestInSecond, grants.OldestInMinute, grants.OldestBatch, (int)others.Held, (int)others.Wanting);

        var grant = RealmBudgetRules.Decide(_limits, request, use, now);
        await HoldAsync(connection, transaction, request.RealmId, grant.Held, request.Wanted, at, cancellationToken);
        if (grant.Requests > 0)
        {
            // Dated as late as can be, so the round trips above do not eat into the time its permits have: dating it later
            // than the sums were read is safe, since no other grant can be added while the lock is held and the windows
            // only lose old grants as they move on.
            var grantedAt = time.GetUtcNow();
            grant = grant with { GrantId = Guid.NewGuid().ToString(), LapsesAt = grantedAt + RealmBudgetLimits.GrantLifetime };
            await connection.ExecuteAsync(new CommandDefinition(insertGrantSql,
                new { grant.GrantId, request.RealmId, Now = grantedAt.ToUnixTimeMilliseconds(), grant.Requests, grant.Batches }, transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return grant;
    }

    public async Task ReturnAsync(string realmId, string grantId, int requests, int batches, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE qbo_realm_grants SET requests = requests - @Requests, batches = batches - @Batches
            WHERE grant_id = @GrantId AND realm_id = @RealmId AND requests >= @Requests AND batches >= @Batches
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { RealmId = realmId, GrantId = grantId, Requests = requests, Batches = batches },
            cancellationToken: cancellationToken));
    }

    public async Task ReleaseAsync(string realmId, int held, CancellationToken cancellationToken)
    {
        // Lowering what this instance holds never lets the realm exceed its limit, so it needs no lock.
        const string sql = "UPDATE qbo_realm_holders SET held = @Held, wanted = @Held WHERE realm_id = @RealmId AND instance_id = @Instance";
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { RealmId = realmId, Instance = instance.LeaseOwner, Held = held }, cancellationToken: cancellationToken));
    }

    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        const string sql = "UPDATE qbo_realm_holders SET held = 0, wanted = 0 WHERE instance_id = @Instance";
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { Instance = instance.LeaseOwner }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Records this instance's slots under the company's lock. Leased: an instance that dies stops renewing, and its slots
    /// come back once the lease (an attempt's time-out and a little) has run out.
    /// </summary>
    private async Task HoldAsync(DbConnection connection, DbTransaction transaction, string realmId, int held, int wanted, long now,
        CancellationToken cancellationToken)
    {
        const string updateSql = """
            UPDATE qbo_realm_holders SET held = @Held, wanted = @Wanted, expires_at_ms = @ExpiresAt
            WHERE realm_id = @RealmId AND instance_id = @Instance
            """;
        const string insertSql = """
            INSERT INTO qbo_realm_holders (realm_id, instance_id, held, wanted, expires_at_ms)
            VALUES (@RealmId, @Instance, @Held, @Wanted, @ExpiresAt)
            """;
        var parameters = new
        {
            RealmId = realmId,
            Instance = instance.LeaseOwner,
            Held = held,
            Wanted = wanted,
            ExpiresAt = now + (long)_limits.ConcurrencyLease.TotalMilliseconds,
        };

        // The company's row lock is held, so no other reservation of this instance and company races the insert.
        if (await connection.ExecuteAsync(new CommandDefinition(updateSql, parameters, transaction, cancellationToken: cancellationToken)) == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(insertSql, parameters, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>
    /// Creates the company's row outside any transaction, once per process: inserting it inside the reservation would take
    /// a shared lock on MariaDB that two reservations could both hold and then deadlock upgrading.
    /// </summary>
    private async Task EnsureRealmAsync(string realmId, CancellationToken cancellationToken)
    {
        if (_known.ContainsKey(realmId))
        {
            return;
        }

        var sql = $"{database.Dialect.InsertIgnore} INTO qbo_realm_budget (realm_id, reserved_at_ms) VALUES (@RealmId, 0)";
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, new { RealmId = realmId }, cancellationToken: cancellationToken));
        }

        _known[realmId] = true;
    }

    // Classes with properties, not positional records: SUM answers DECIMAL on MariaDB and INTEGER on SQLite, and Dapper
    // converts a column to a property's type but matches constructor parameters only by exact type.
    private sealed class GrantSums
    {
        public long RequestsInSecond { get; init; }

        public long RequestsInMinute { get; init; }

        public long BatchesInMinute { get; init; }

        public long? OldestInSecond { get; init; }

        public long? OldestInMinute { get; init; }

        public long? OldestBatch { get; init; }
    }

    private sealed class OtherHolders
    {
        public long Held { get; init; }

        public long Wanting { get; init; }
    }
}
