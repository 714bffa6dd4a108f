using AccountingIntegration.Tests.TestSupport;
using Dapper;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Makes every outcome of one organization's first attempts fail inside its transaction (a trigger refuses the sync log
/// row), so nothing the attempt wrote with it commits: to the database, the attempt died after QBO answered. The
/// payload keeps its lease and is claimed again when the lease runs out; later attempts record their outcomes.
/// </summary>
internal sealed class FirstOutcomeFails : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly string _name;

    private FirstOutcomeFails(TestDatabase database, string name)
    {
        _database = database;
        _name = name;
    }

    public static async Task<FirstOutcomeFails> InstallAsync(TestDatabase database, string organizationId)
    {
        // The organization id is a generated GUID, so it is safe inside the trigger's text; each test's trigger has its own name.
        var name = "first_outcome_fails_" + Guid.NewGuid().ToString("N")[..12];
        var sql = database.Kind == DatabaseKind.Sqlite
            ? $"""
              CREATE TRIGGER {name} BEFORE INSERT ON sync_logs
              WHEN NEW.organization_id = '{Guid.Parse(organizationId)}' AND NEW.attempt = 1
              BEGIN SELECT RAISE(ABORT, 'the attempt died before its outcome'); END
              """
            : $"""
              CREATE TRIGGER {name} BEFORE INSERT ON sync_logs FOR EACH ROW
              BEGIN
                IF NEW.organization_id = '{Guid.Parse(organizationId)}' AND NEW.attempt = 1 THEN
                  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the attempt died before its outcome';
                END IF;
              END
              """;
        await using var connection = await database.Database.OpenAsync();
        await connection.ExecuteAsync(sql);
        return new FirstOutcomeFails(database, name);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = await _database.Database.OpenAsync();
        await connection.ExecuteAsync($"DROP TRIGGER IF EXISTS {_name}");
    }
}
