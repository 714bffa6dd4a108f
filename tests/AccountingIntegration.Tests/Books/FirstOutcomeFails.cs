using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Makes every outcome of one organization's first attempts fail inside its transaction (a trigger refuses the sync log
/// row), so nothing the attempt wrote with it commits: to the database, the attempt died after QBO answered. The
/// payload keeps its lease and is claimed again when the lease runs out; later attempts record their outcomes.
/// </summary>
internal static class FirstOutcomeFails
{
    public static Task<TestTrigger> InstallAsync(TestDatabase database, string organizationId) =>
        TestTrigger.InstallAsync(database, TestTrigger.NewName("first_outcome_fails"), "BEFORE INSERT ON sync_logs",
            $"NEW.organization_id = '{Guid.Parse(organizationId)}' AND NEW.attempt = 1",
            "SELECT RAISE(ABORT, 'the attempt died before its outcome');",
            "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the attempt died before its outcome';");
}
