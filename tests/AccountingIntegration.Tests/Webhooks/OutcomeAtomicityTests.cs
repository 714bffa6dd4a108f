using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// An attempt's outcome is two writes, the sync log row and the payload's status with its queue
/// entry, and a process can die between them. Here the database itself kills the second write (a
/// trigger refuses any status but "processing"), after QBO created the invoice and the sync log row
/// was written: as after a crash, nothing of the attempt may remain but its lease, and the retry that
/// follows must record the outcome once.
/// </summary>
public sealed class OutcomeAtomicityTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string SqliteKill = """
        CREATE TRIGGER kill_outcome BEFORE UPDATE OF status ON webhook_payloads WHEN NEW.status <> 'processing'
        BEGIN SELECT RAISE(ABORT, 'killed between the two writes of an outcome'); END
        """;

    private const string MySqlKill = """
        CREATE TRIGGER kill_outcome BEFORE UPDATE ON webhook_payloads FOR EACH ROW
        BEGIN
          IF NEW.status <> 'processing' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'killed between the two writes of an outcome'; END IF;
        END
        """;

    [Theory, BothDatabases]
    public async Task KilledBetweenSyncLogAndStatus_LeavesNoHalfOutcome_RetryRecordsItOnce(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        var logs = new LogCapture();
        await using var world = await PipelineWorld.StartAsync(database, overrides: logs.InstallFiltered, settings: new Dictionary<string, string>
        {
            ["WORKER_CONCURRENCY"] = "1",
            // The shortest lease a 5 s QBO time-out allows, so the abandoned claim expires after few pump ticks.
            ["QBO_REQUEST_TIMEOUT_SECONDS"] = "5",
            ["WORKER_LEASE_SECONDS"] = "30",
        });
        await ExecuteAsync(database.Database, kind == DatabaseKind.Sqlite ? SqliteKill : MySqlKill);

        using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(12012));
        var payloadId = (await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!;
        // QBO committed the invoice; the outcome that follows is refused half-way.
        await Eventually.GetAsync(() => Task.FromResult(world.Invoices(SandboxState.FirstRealmId).Count), count => count == 1, betweenReads: world.Pump.Tick);
        var afterKill = await world.WaitForStatusAsync(payloadId, PayloadStatus.Processing);
        // The trigger goes only once it has refused the attempt's outcome: dropped while the invoice's answer is still
        // on its way, the first attempt would simply succeed.
        await Eventually.GetAsync(
            () => Task.FromResult(logs.Lines.Any(l => l.Contains("Processing a claimed payload failed", StringComparison.Ordinal))), refused => refused, betweenReads: world.Pump.Tick);

        Assert.Empty(afterKill.GetProperty("syncLogs").EnumerateArray());
        Assert.Equal(0, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM sync_logs WHERE payload_id = @Id", new { Id = payloadId }));
        Assert.Equal(1, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM webhook_queue WHERE payload_id = @Id", new { Id = payloadId }));

        await ExecuteAsync(database.Database, "DROP TRIGGER kill_outcome");
        var detail = await world.WaitForStatusAsync(payloadId, PayloadStatus.Succeeded);

        // One success, recorded by the attempt that made it; the killed attempt may have been recorded as a
        // failed one (an unexpected error counts as an attempt) but never twice, and never as a success.
        var syncLogs = detail.GetProperty("syncLogs").EnumerateArray().ToList();
        var attempts = detail.GetProperty("payload").GetProperty("attempts").GetInt32();
        var success = Assert.Single(syncLogs, l => l.GetProperty("status").GetString() == PayloadStatus.Succeeded);
        Assert.Equal(attempts, success.GetProperty("attempt").GetInt32());
        Assert.All(syncLogs.Where(l => l.GetProperty("status").GetString() != PayloadStatus.Succeeded),
            l => Assert.Equal("INTERNAL_ERROR", l.GetProperty("errorCode").GetString()));
        Assert.Equal(syncLogs.Count, syncLogs.Select(l => l.GetProperty("attempt").GetInt32()).Distinct().Count());
        Assert.True(attempts >= 2, $"the killed attempt counts: {attempts}");
        var invoice = Assert.Single(world.Invoices(SandboxState.FirstRealmId));
        Assert.Equal((string?)invoice["Id"], detail.GetProperty("payload").GetProperty("invoiceId").GetString());
        Assert.Equal(0, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM webhook_queue WHERE payload_id = @Id", new { Id = payloadId }));
    }

    private static async Task ExecuteAsync(Database database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
