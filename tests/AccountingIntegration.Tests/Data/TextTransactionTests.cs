using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;
using Dapper;

namespace AccountingIntegration.Tests.Data;

/// <summary>
/// A MySQL transaction run in SQL text (the ingest group commit): begun by the first command, committed by the last, and
/// never committed by a command whose INSERT failed — what keeps a failed group from storing half of itself.
/// </summary>
public sealed class TextTransactionTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly string[] Columns = ["organization_id", "source_id", "event_key", "payload_id", "received_at"];
    private static readonly string InsertKeys = $"INSERT INTO webhook_event_keys ({string.Join(", ", Columns)})";

    [Fact]
    public async Task BegunByTheClaims_CommittedWithTheInserts_OnlyAfterTheLastCommand()
    {
        var database = (await databases.GetAsync(DatabaseKind.MySql)).Database;
        var org = NewId();
        await using var connection = await database.OpenAsync();
        var transaction = new TextTransaction();

        var claimed = await MultiRowInsert.InsertIgnoreAsync(connection, null, database.Dialect.InsertIgnore, "webhook_event_keys", Columns, keyColumn: 3,
            [KeyRow(org, "k1", "p1"), KeyRow(org, "k2", "p2")], null, CancellationToken.None, transaction);

        Assert.Equal(["p1", "p2"], claimed.Order(StringComparer.Ordinal));
        Assert.True(transaction.Begun);
        Assert.Equal(string.Empty, transaction.TakeBegin());
        // Begun, not committed: another connection does not see the claims yet.
        Assert.Equal(0, await KeysAsync(database, org));

        var inserts = new PendingInserts();
        inserts.Add(InsertKeys, [KeyRow(org, "k3", "p3")]);
        await inserts.ExecuteAsync(connection, null, null, CancellationToken.None, transaction);

        Assert.Equal(3, await KeysAsync(database, org));
        Assert.False(await InTransactionAsync(connection));
    }

    [Fact]
    public async Task FailingInsert_StopsTheCommandBeforeItsCommit_AndTheRollbackReleasesTheRows()
    {
        var database = (await databases.GetAsync(DatabaseKind.MySql)).Database;
        var org = NewId();
        await using var connection = await database.OpenAsync();
        var transaction = new TextTransaction();
        var inserts = new PendingInserts();
        inserts.Add(InsertKeys, [KeyRow(org, "k1", "p1")]);
        inserts.Add("INSERT INTO no_such_table (organization_id)", [[org]]);

        await Assert.ThrowsAnyAsync<Exception>(() => inserts.ExecuteAsync(connection, null, null, CancellationToken.None, transaction));

        // The first INSERT ran inside the transaction the command began, and the COMMIT after the failure did not run.
        Assert.True(await InTransactionAsync(connection));
        Assert.Equal(0, await KeysAsync(database, org));

        await transaction.RollBackAsync(connection);

        Assert.False(await InTransactionAsync(connection));
        Assert.Equal(0, await KeysAsync(database, org));
    }

    [Fact]
    public async Task OnSqlite_ATextTransactionIsRefused()
    {
        var database = (await databases.GetAsync(DatabaseKind.Sqlite)).Database;
        await using var connection = await database.OpenAsync();
        var inserts = new PendingInserts();
        inserts.Add(InsertKeys, [KeyRow(NewId(), "k1", "p1")]);

        await Assert.ThrowsAsync<ArgumentException>(() => inserts.ExecuteAsync(connection, null, null, CancellationToken.None, new TextTransaction()));
    }

    private static string NewId() => Guid.NewGuid().ToString();

    private static object?[] KeyRow(string org, string key, string payloadId) => [org, "source", key, payloadId, DateTime.UtcNow];

    private static Task<long> KeysAsync(Database database, string org) =>
        Sql.CountAsync(database, "SELECT COUNT(*) FROM webhook_event_keys WHERE organization_id = @Org", new { Org = org });

    // MariaDB's own session variable: whether a transaction is open on this connection.
    private static async Task<bool> InTransactionAsync(System.Data.Common.DbConnection connection) =>
        await connection.ExecuteScalarAsync<long>("SELECT @@in_transaction") == 1;
}
