using System.Text.RegularExpressions;
using AccountingIntegration.Features.Import;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Import;

/// <summary>
/// <c>import</c> killed with SIGKILL in the middle of writing, as a crash or an impatient operator would, then run again:
/// it resumes from its checkpoints and ends with every row exactly once. The real program, on a real database.
/// </summary>
public sealed partial class ImportKillTests
{
    private const int Payloads = 20_000;

    [Theory, BothDatabases]
    public async Task KilledMidway_RunAgain_EndsWithEveryRowOnce(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var export = LargeExport();
        var settings = new Dictionary<string, string> { ["DATABASE_URL"] = database.Url, [ImportCommand.PassphraseSetting] = OldSystemExport.Passphrase };
        string[] args = ["import", "--from", export.Folder, "--report", export.ReportPath, "--apply", "--batch-size", "200"];

        var written = 0L;
        var killed = await ServiceProcess.KillWhenAsync(settings, args,
            async () => (written = await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM webhook_payloads")) >= 1_000, TimeSpan.FromMinutes(3));
        Assert.True(killed, "the import ended before it could be killed midway; give it more rows");
        var atKill = await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM webhook_payloads");
        Assert.InRange(atKill, 1_000, Payloads - 1);

        var resumed = await ServiceProcess.RunAsync(settings, args, TimeSpan.FromMinutes(3));

        Assert.True(resumed.ExitCode == ImportCommand.Complete, $"exit {resumed.ExitCode}: {resumed.StandardError}");
        Assert.Equal(Payloads, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM webhook_payloads"));
        Assert.Equal(Payloads, await Sql.CountAsync(database.Database, "SELECT COUNT(DISTINCT event_key) FROM webhook_event_keys"));
        Assert.Equal(1, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM organizations"));
        // rows, accepted, rejected, written by this run, present already: the second run wrote only what the first had not.
        var summary = SummaryLine().Match(resumed.StandardOutput);
        Assert.True(summary.Success, resumed.StandardOutput);
        var writtenNow = long.Parse(summary.Groups["written"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(writtenNow, 1, Payloads - atKill);
    }

    /// <summary>One organization with one source and many payloads: enough rows that writing them takes a while.</summary>
    private static LegacyExport LargeExport()
    {
        var export = new LegacyExport(ExportFormat.Jsonl)
            .Add("organizations", ("organization_id", "org-big"), ("name", "Big shop"), ("slug", "big-shop"), ("plan_tier", "pro"),
                ("created_at", "2025-03-01 10:00:00 UTC"))
            .Add("webhook_sources", ("source_id", "src-big"), ("organization_id", "org-big"), ("name", "Shop"), ("source_type", "shopify"),
                ("signature_scheme", "none"));
        for (var i = 1; i <= Payloads; i++)
        {
            export.Add("webhook_payloads", ("payload_id", $"pay-{i:D6}"), ("received_at", "2026-11-01 09:00:00 UTC"), ("organization_id", "org-big"),
                ("source_id", "src-big"), ("event_key", $"evt-{i:D6}"), ("raw_payload", $$"""{"id":{{i}},"total_price":"19.99","line_items":[{"title":"Mug","price":"19.99","quantity":1}]}"""),
                ("status", "succeeded"), ("attempts", "1"), ("processed", "true"));
        }

        export.Write();
        return export;
    }

    [GeneratedRegex(@"webhook_payloads\s+20000\s+20000\s+0\s+(?<written>\d+)\s+\d+")]
    private static partial Regex SummaryLine();
}
