using System.Diagnostics;
using System.Globalization;
using AccountingIntegration.Benchmarks.Ingest;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Data.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountingIntegration.Benchmarks.Backlog;

/// <summary>
/// <c>backlog [--payloads 1000000] [--step 100000] [--body-bytes 2500]</c>: fills a SQLite database with a backlog of
/// waiting payloads (order-shaped JSON bodies) through the service's own write path (<see cref="WebhookStore.CreatePayloadsAsync"/>, batches of 64 as
/// group commit forms them), one organization taking 99 % and a small one the rest, with the service's SQLite
/// maintenance round every minute of wall time. After every step it records the ingest rate, the file and WAL sizes;
/// at the end it times the hot queries at that size. See bench/README.md, "Backlog".
/// </summary>
internal static class BacklogCommand
{
    public const string Name = "backlog";

    private const int Batch = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var payloads = Option(args, "--payloads", 1_000_000);
        var step = Option(args, "--step", 100_000);
        var body = Body(Option(args, "--body-bytes", 2500));
        DapperSetup.Configure();
        await using var bench = await BenchDatabase.CreateAsync(BenchDatabaseKind.Sqlite, "backlog");
        var database = new Database(DatabaseUrl.Parse(bench.Url));
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        var time = TimeProvider.System;
        var store = new WebhookStore(database, time);
        var organizations = new OrganizationStore(database, time);
        var big = await TenantAsync(organizations, store, "backlog-big");
        var small = await TenantAsync(organizations, store, "backlog-small");
        var maintenance = new SqliteMaintenanceWorker(database, new SqliteMaintenance(database), time, NullLogger<SqliteMaintenanceWorker>.Instance);

        Console.WriteLine($"Backlog on SQLite: {payloads:N0} payloads of {body.Length:N0} bytes, steps of {step:N0}, batches of {Batch}.");
        Console.WriteLine();
        Console.WriteLine("| payloads | step s | payloads/s | DB MiB | bytes/payload | WAL MiB after step | WAL MiB peak in step |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        var lastMaintenance = Stopwatch.StartNew();
        var written = 0;
        while (written < payloads)
        {
            var clock = Stopwatch.StartNew();
            var walPeak = 0L;
            var stepStart = written;
            var end = Math.Min(payloads, written + step);
            while (written < end)
            {
                var count = Math.Min(Batch, end - written);
                var batch = Enumerable.Range(written, count)
                    .Select(i => new NewPayload { OrganizationId = i % 100 == 0 ? small.OrganizationId : big.OrganizationId, SourceId = i % 100 == 0 ? small.SourceId : big.SourceId, RawPayload = body })
                    .ToList();
                await store.CreatePayloadsAsync(batch, default);
                written += count;
                if (lastMaintenance.Elapsed >= SqliteMaintenanceWorker.Interval)
                {
                    walPeak = Math.Max(walPeak, FileLength(bench.ConnectionString + "-wal"));
                    await maintenance.RunOnceAsync(default);
                    lastMaintenance.Restart();
                }
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var wal = FileLength(bench.ConnectionString + "-wal");
            var size = FileLength(bench.ConnectionString);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {written:N0} | {seconds:F1} | {(written - stepStart) / seconds:N0} | {Mib(size)} | {(size + wal) / written:N0} | {Mib(wal)} | {Mib(Math.Max(walPeak, wal))} |"));
        }

        await maintenance.RunOnceAsync(default);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"After a maintenance round: DB {Mib(FileLength(bench.ConnectionString))} MiB, WAL {Mib(FileLength(bench.ConnectionString + "-wal"))} MiB."));
        await BacklogQueries.RunAsync(database, store, big, small, time, payloads);
        return 0;
    }

    private static async Task<BenchTenant> TenantAsync(OrganizationStore organizations, WebhookStore store, string slug)
    {
        var organization = await organizations.CreateAsync(slug, slug, "pro", null, default);
        var source = await store.CreateSourceAsync(organization.OrganizationId, "Shopify", "shopify", "none", null, null, isDefault: true, default);
        return new BenchTenant(organization.OrganizationId, slug, string.Empty, source.SourceId);
    }

    /// <summary>An order-shaped JSON body of exactly <paramref name="bytes"/> characters (the issue measured 2.5 KB bodies).</summary>
    private static string Body(int bytes)
    {
        const string head = "{\"id\":820982911946154508,\"name\":\"#1001\",\"currency\":\"USD\",\"total_price\":\"199.00\",\"note\":\"";
        return head + new string('x', Math.Max(0, bytes - head.Length - 2)) + "\"}";
    }

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture);

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
