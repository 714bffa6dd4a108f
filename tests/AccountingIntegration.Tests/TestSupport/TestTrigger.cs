using Dapper;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// A trigger one test installs to make the database do something at an exact point of the service's work (refuse a
/// row, put rows back), dropped on disposal with the table it may have set aside (named as the trigger). Its text is
/// the test's own: ids put into it are generated GUIDs, and each trigger gets a name of its own.
/// </summary>
internal sealed class TestTrigger : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private TestTrigger(TestDatabase database, string name)
    {
        _database = database;
        Name = name;
    }

    /// <summary>The trigger's name, also that of a table set aside for it, if any.</summary>
    public string Name { get; }

    /// <summary>A fresh name with <paramref name="prefix"/>, for a trigger and the table it uses.</summary>
    public static string NewName(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..12];

    /// <param name="database">The test's database.</param>
    /// <param name="name">From <see cref="NewName"/>.</param>
    /// <param name="when">The row event, the same on both databases: <c>BEFORE INSERT ON sync_logs</c>.</param>
    /// <param name="condition">Over <c>NEW</c> and <c>OLD</c>, the same on both databases.</param>
    /// <param name="sqliteAction">SQLite's statements, each ending with a semicolon.</param>
    /// <param name="mariaDbAction">MariaDB's statements, each ending with a semicolon.</param>
    public static async Task<TestTrigger> InstallAsync(
        TestDatabase database, string name, string when, string condition, string sqliteAction, string mariaDbAction)
    {
        var trigger = database.Kind == DatabaseKind.Sqlite
            ? $"CREATE TRIGGER {name} {when} WHEN {condition} BEGIN {sqliteAction} END"
            : $"CREATE TRIGGER {name} {when} FOR EACH ROW BEGIN IF {condition} THEN {mariaDbAction} END IF; END";
        await using var connection = await database.Database.OpenAsync();
        await connection.ExecuteAsync(trigger);
        return new TestTrigger(database, name);
    }

    /// <summary>Refuses every move of the organization's queue entries from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static Task<TestTrigger> RefuseQueueMoveAsync(TestDatabase database, string organizationId, string from, string to) =>
        InstallAsync(database, NewName("queue_move_refused"), "BEFORE UPDATE ON webhook_queue",
            $"OLD.status = '{from}' AND NEW.status = '{to}' AND NEW.organization_id = '{Guid.Parse(organizationId)}'",
            "SELECT RAISE(ABORT, 'the move is refused');", "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the move is refused';");

    /// <summary>Refuses to store any audit entry of <paramref name="action"/>.</summary>
    public static Task<TestTrigger> RefuseAuditAsync(TestDatabase database, string action) =>
        InstallAsync(database, NewName("audit_refused"), "BEFORE INSERT ON audit_logs", $"NEW.action = '{action}'",
            "SELECT RAISE(ABORT, 'the audit entry is refused');", "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit entry is refused';");

    /// <summary>Refuses to forget what the organization's failed or skipped payloads wait for, which reviving one does in its transaction.</summary>
    public static Task<TestTrigger> RefuseRevivalAsync(TestDatabase database, string organizationId) =>
        InstallAsync(database, NewName("revival_refused"), "BEFORE DELETE ON expired_sale_waits",
            $"OLD.organization_id = '{Guid.Parse(organizationId)}'",
            "SELECT RAISE(ABORT, 'the revival is refused');", "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the revival is refused';");

    public async ValueTask DisposeAsync()
    {
        await using var connection = await _database.Database.OpenAsync();
        await connection.ExecuteAsync($"DROP TRIGGER IF EXISTS {Name}");
        await connection.ExecuteAsync($"DROP TABLE IF EXISTS {Name}");
    }
}
