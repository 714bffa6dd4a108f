using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Import;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Infrastructure.Commands;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Import;

/// <summary>
/// <c>import</c> over a real export of the old system's 13 tables, on both databases: the dry run writes nothing,
/// --apply writes exactly the accepted rows with their secrets re-encrypted, an interrupted run continues without
/// duplicates, and an export that does not match its manifest is refused before anything lands.
/// </summary>
public sealed class ImportCommandTests
{
    [Theory, BothDatabases]
    public async Task DryRun_ExportWithBadRows_ReportsEachRejectionAndWritesNothing(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var export = await OldSystemExport.WriteAsync(ExportFormat.Csv);

        var (exitCode, output) = await ImportAsync(database, export);

        Assert.Equal(ImportCommand.CompleteWithRejections, exitCode);
        Assert.Contains("Dry run", output);
        Assert.Equal(0, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM organizations"));
        Assert.Equal(0, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM webhook_payloads"));
        Assert.Equal(0, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM import_checkpoints"));
        Assert.True(OldSystemExport.Rejections.Order().SequenceEqual(ReadReport(export).Order()), File.ReadAllText(export.ReportPath));
        AssertNoSecretIn(output + File.ReadAllText(export.ReportPath), export);
    }

    [Theory, BothDatabases]
    public async Task Apply_ExportWithBadRows_WritesTheAcceptedRowsWithSecretsReencrypted(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var export = await OldSystemExport.WriteAsync(ExportFormat.Csv);

        var (exitCode, output) = await ImportAsync(database, export, "--apply");

        Assert.Equal(ImportCommand.CompleteWithRejections, exitCode);
        Assert.Equal(OldSystemExport.Accepted, await CountImportedRowsAsync(database));
        Assert.Equal(OldSystemExport.Rejections.Order(), ReadReport(export).Order());
        AssertNoSecretIn(output, export);
        Assert.Equal("ops@example.com", await Sql.ScalarAsync<string>(database.Database, "SELECT email FROM admin_users WHERE user_id = 'user-1'"));
        Assert.Equal(["org-a", "org-b"], await ColumnAsync(database, "SELECT organization_id FROM organizations ORDER BY organization_id"));

        await using var app = Program.BuildApp(TestService.ToArgs(Settings(database)));
        var connection = await app.Services.GetRequiredService<OAuthTokenStore>().GetConnectionAsync("org-a", "9130001", CancellationToken.None);
        Assert.NotNull(connection);
        Assert.StartsWith("v1.", connection.AccessToken);
        var tokens = app.Services.GetRequiredService<TokenProtection>();
        Assert.Equal(OldSystemExport.AccessToken, tokens.UnprotectAccess(connection));
        Assert.Equal(OldSystemExport.RefreshToken, tokens.UnprotectRefresh(connection));
        var signingSecret = await Sql.ScalarAsync<string>(database.Database, "SELECT signing_secret FROM webhook_sources WHERE source_id = 'src-a'");
        Assert.Equal(OldSystemExport.SigningSecret, app.Services.GetRequiredService<SecretProtector>()
            .Unprotect(signingSecret!, WebhookAuthentication.SigningSecretContext("org-a", "src-a")));

        // Unfinished payloads are parked for a replay, never queued behind the operator's back.
        Assert.Equal(PayloadStatus.Failed, await Sql.ScalarAsync<string>(database.Database, "SELECT status FROM webhook_payloads WHERE payload_id = 'pay-3'"));
        Assert.Equal(PayloadImport.UnfinishedNote, await Sql.ScalarAsync<string>(database.Database, "SELECT last_error FROM webhook_payloads WHERE payload_id = 'pay-3'"));
        Assert.Equal(PayloadStatus.Succeeded, await Sql.ScalarAsync<string>(database.Database, "SELECT status FROM webhook_payloads WHERE payload_id = 'pay-2'"));
        Assert.Equal(0, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM webhook_queue"));
        Assert.Equal(6, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM webhook_event_keys"));
    }

    [Theory, BothDatabases]
    public async Task Apply_InterruptedThenRunAgain_EndsWithEveryAcceptedRowOnce(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var export = await OldSystemExport.WriteAsync(ExportFormat.Jsonl);

        // 17 rows: every table before the payloads (14 rows), then 3 of the 7 payloads, in batches of 2.
        var (first, output) = await ImportAsync(database, export, "--apply", "--max-rows", "17", "--batch-size", "2");

        Assert.Equal(ImportCommand.Stopped, first);
        Assert.Contains("rows/s", output);
        Assert.Equal(3, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM webhook_payloads"));
        Assert.Equal(0, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM sync_logs"));
        Assert.Equal(3, await Sql.ScalarAsync<long>(database.Database, "SELECT rows_read FROM import_checkpoints WHERE table_name = 'webhook_payloads'"));

        // As if the last batch had landed without its checkpoint: the rows it holds must not come twice.
        await Sql.CountAsync(database.Database, "UPDATE import_checkpoints SET rows_read = 1 WHERE table_name = 'webhook_payloads'");
        var (second, _) = await ImportAsync(database, export, "--apply", "--batch-size", "2");

        Assert.Equal(ImportCommand.CompleteWithRejections, second);
        Assert.Equal(OldSystemExport.Accepted, await CountImportedRowsAsync(database));
        Assert.Equal(["pay-1", "pay-2", "pay-3", "pay-4", "pay-5", "pay-6"], await ColumnAsync(database, "SELECT payload_id FROM webhook_payloads ORDER BY payload_id"));
        Assert.Equal(LegacyTables.All.Count, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM import_checkpoints WHERE completed = 1"));

        var (third, again) = await ImportAsync(database, export, "--apply");

        Assert.Equal(ImportCommand.CompleteWithRejections, third);
        Assert.Equal(OldSystemExport.Accepted, await CountImportedRowsAsync(database));
        Assert.DoesNotContain("write ", again);
        // rows, accepted, rejected, written by this run, present already.
        Assert.Matches(@"webhook_payloads\s+7\s+6\s+1\s+0\s+6", again);
    }

    [Theory, BothDatabases]
    public async Task Apply_FileChangedAfterTheManifest_RefusesBeforeWritingAnything(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var export = await OldSystemExport.WriteAsync(ExportFormat.Csv);
        File.AppendAllText(export.FileOf("audit_logs"), "\"aud-3\",\"2026-11-03 09:00:00 UTC\",,\"system\",,\"system\",\"startup\",,\n");

        var (exitCode, _) = await ImportAsync(database, export, "--apply");

        Assert.Equal(1, exitCode);
        Assert.Equal(0, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM organizations"));
        Assert.False(File.Exists(export.ReportPath));
    }

    [Theory, BothDatabases]
    public async Task Apply_RowCountDiffersFromTheManifest_RefusesBeforeWritingAnything(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var export = await OldSystemExport.WriteAsync(ExportFormat.Jsonl);
        var manifest = Path.Combine(export.Folder, ExportManifest.FileName);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"audit_logs.jsonl\",\"rows\":2", "\"audit_logs.jsonl\",\"rows\":3", StringComparison.Ordinal));

        var (exitCode, _) = await ImportAsync(database, export, "--apply");

        Assert.Equal(1, exitCode);
        Assert.Equal(0, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM organizations"));
    }

    /// <summary>The real program: exit codes, progress lines on redirected output, one line on stderr for a refusal.</summary>
    [Theory, BothDatabases]
    public async Task ImportProcess_WithAndWithoutThePassphrase_ExitsWithTheDocumentedCodes(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var export = await OldSystemExport.WriteAsync(ExportFormat.Csv);
        string[] args = ["import", "--from", export.Folder, "--report", export.ReportPath, "--apply"];

        var refused = await ServiceProcess.RunAsync(new Dictionary<string, string> { ["DATABASE_URL"] = database.Url }, args);
        var imported = await ServiceProcess.RunAsync(
            new Dictionary<string, string> { ["DATABASE_URL"] = database.Url, [ImportCommand.PassphraseSetting] = OldSystemExport.Passphrase }, args, TimeSpan.FromSeconds(60));

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains(ImportCommand.PassphraseSetting, Assert.Single(refused.ErrorLines));
        Assert.True(imported.ExitCode == ImportCommand.CompleteWithRejections, $"exit {imported.ExitCode}: {imported.StandardError}");
        Assert.Contains("write webhook_payloads: 7/7 rows (100%)", imported.StandardOutput);
        Assert.Empty(imported.StandardError);
        AssertNoSecretIn(imported.StandardOutput, export);
        Assert.Equal(OldSystemExport.Accepted, await CountImportedRowsAsync(database));
    }

    private static Dictionary<string, string> Settings(TestDatabase database) => new(TestService.DefaultSettings)
    {
        ["DATABASE_URL"] = database.Url,
        [ImportCommand.PassphraseSetting] = OldSystemExport.Passphrase,
    };

    private static async Task<(int ExitCode, string Output)> ImportAsync(TestDatabase database, LegacyExport export, params string[] options)
    {
        var output = new StringWriter();
        await using var app = Program.BuildApp(TestService.ToArgs(Settings(database)));
        string[] args = ["import", "--from", export.Folder, "--report", export.ReportPath, .. options];
        var exitCode = await ServiceCommands.RunAsync(app.Services, args, output);
        return (exitCode, output.ToString());
    }

    private static async Task<long> CountImportedRowsAsync(TestDatabase database)
    {
        long total = 0;
        foreach (var table in LegacyTables.All)
        {
            total += await Sql.CountAsync(database.Database, $"SELECT COUNT(*) FROM {table.Name}");
        }

        return total;
    }

    private static async Task<string[]> ColumnAsync(TestDatabase database, string sql)
    {
        await using var connection = await database.Database.OpenAsync();
        return [.. await Dapper.SqlMapper.QueryAsync<string>(connection, sql)];
    }

    private static IEnumerable<(string Table, string Key, string Reason)> ReadReport(LegacyExport export) =>
        File.ReadAllLines(export.ReportPath).Skip(1)
            .Select(line => line.Split(','))
            .Select(cells => (cells[0], cells[2], cells[3]));

    /// <summary>Neither the old ciphertexts nor the plaintexts may show in anything the command prints or writes.</summary>
    private static void AssertNoSecretIn(string text, LegacyExport export)
    {
        Assert.DoesNotContain(OldSystemExport.AccessToken, text);
        Assert.DoesNotContain(OldSystemExport.RefreshToken, text);
        Assert.DoesNotContain(OldSystemExport.SigningSecret, text);
        Assert.DoesNotContain(OldSystemExport.OtherKeyToken, text);
        Assert.DoesNotContain(OldSystemExport.Passphrase, text);
        Assert.DoesNotContain("U2FsdGVkX1", text);
        Assert.NotEmpty(File.ReadAllText(export.FileOf("oauth_tokens")));
    }
}
