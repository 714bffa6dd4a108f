using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Drift;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Someone changes a booked document in QBO: Intuit's signed notifications (sent by the sandbox to the service's own
/// route) and the CDC sweep mark it, and the payload that booked it turns <c>drifted</c> with a sync log saying what
/// happened. The service's own changes (a payment applied, a cancellation voided) are not drift.
/// </summary>
public sealed class DriftTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string VerifierToken = "test-verifier-token-1234";

    [Theory, BothDatabases]
    public async Task PaymentVoidedInQbo_NotifiedByIntuit_MarksItsPayloadDrifted(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var sale = await world.DeliverFixtureAsync("stripe/invoice.paid.json");
        // The payment applied to the invoice updates it in QBO too: that is the service's own doing, not drift.
        await world.Connect.Sandbox.State.FlushWebhooksAsync();
        await SettleDriftAsync(world);
        Assert.Equal(PayloadStatus.Succeeded, (await world.SettledAsync(sale.PayloadId)).Status);

        // QBO refuses to void an invoice a payment is applied to, so a bookkeeper undoing the sale voids the payment first.
        var payment = Assert.Single(world.Entities("Payment"));
        await AsCompanyUserAsync(world, (qbo, credentials) => VoidAsync(qbo, credentials, "Payment", (string)payment["Id"]!));
        await world.Connect.Sandbox.State.FlushWebhooksAsync();

        var drifted = await world.SettledAsync(sale.PayloadId, PayloadStatus.Drifted);
        Assert.StartsWith(DriftDetector.Voided, drifted.LastError);
        var log = drifted.Detail.GetProperty("syncLogs").EnumerateArray().Last();
        Assert.Equal((PayloadStatus.Drifted, DriftDetector.Voided), (log.GetProperty("status").GetString(), log.GetProperty("errorCode").GetString()));
        using var replay = await world.Client.PostAsync($"/api/v1/org/{world.Slug}/payloads/{sale.PayloadId}/replay", null);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task PaymentDeletedAndInvoiceEdited_FoundByTheCdcSweep(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind, notify: false);
        var sale = await world.DeliverFixtureAsync("stripe/invoice.paid.json");
        var payment = Assert.Single(world.Entities("Payment"));
        var sweep = world.Services.GetRequiredService<DriftSweep>();
        Assert.Equal(0, await world.Pump.WhileAsync(sweep.RunAsync(default)));

        await AsCompanyUserAsync(world, async (qbo, credentials) =>
        {
            var current = await qbo.ReadAsync(credentials, "Payment", (string)payment["Id"]!, default);
            await PostToCompanyAsync(world, credentials, "payment?operation=delete", new JsonObject { ["Id"] = payment["Id"]!.DeepClone(), ["SyncToken"] = current!["SyncToken"]!.DeepClone() });
            // With its payment gone the invoice can be edited: a bookkeeper doubles its first line.
            var invoice = (await qbo.ReadAsync(credentials, "Invoice", sale.DocumentId!, default))!;
            DoubleFirstLine(invoice);
            await PostToCompanyAsync(world, credentials, "invoice", invoice);
        });
        var found = await world.Pump.WhileAsync(sweep.RunAsync(default));

        Assert.Equal(2, found);
        var drifted = await world.SettledAsync(sale.PayloadId, PayloadStatus.Drifted);
        var codes = drifted.Detail.GetProperty("syncLogs").EnumerateArray().Select(l => l.GetProperty("errorCode").GetString()).ToList();
        Assert.Contains(DriftDetector.Deleted, codes);
        Assert.Contains(DriftDetector.Edited, codes);
        // Told again by the next sweep, the same changes are not recorded twice.
        Assert.Equal(0, await world.Pump.WhileAsync(sweep.RunAsync(default)));
        var again = await world.SettledAsync(sale.PayloadId, PayloadStatus.Drifted);
        Assert.Equal(drifted.Detail.GetProperty("syncLogs").GetArrayLength(), again.Detail.GetProperty("syncLogs").GetArrayLength());
    }

    [Theory, BothDatabases]
    public async Task CancellationVoidedByTheService_IsNotDrift(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind, sourceType: "shopify");
        var order = Delivery.Fixture("shopify/order.rest-fixture.json");
        var sale = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "orders/create"));
        order["cancelled_at"] = "2008-01-10T12:00:00-05:00";
        order["financial_status"] = "voided";
        var cancel = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "orders/cancelled"));

        await world.Connect.Sandbox.State.FlushWebhooksAsync();
        await SettleDriftAsync(world);
        Assert.Equal(0, await world.Pump.WhileAsync(world.Services.GetRequiredService<DriftSweep>().RunAsync(default)));

        Assert.Equal(PayloadStatus.Succeeded, (await world.SettledAsync(sale.PayloadId)).Status);
        Assert.Equal(PayloadStatus.Succeeded, (await world.SettledAsync(cancel.PayloadId)).Status);
        // The ledger keeps the voided invoice's SyncToken, as the void left it.
        var invoice = Assert.Single(world.Entities("Invoice"));
        var links = await world.Services.GetRequiredService<LedgerStore>().ListByDocumentAsync(world.Organization.OrganizationId, "Invoice", (string)invoice["Id"]!, default);
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.Equal(((string?)invoice["SyncToken"], LedgerStates.Voided), (link.SyncToken, link.State)));
    }

    /// <summary>
    /// A change to a document one of the organization's attempts is booking against right now (a cancellation voiding it
    /// and not yet recorded) is most likely that attempt's own: it is not judged then, and the sweep reads from the same
    /// point at its next interval. Once no attempt holds the document, a change no attempt recorded is drift.
    /// </summary>
    [Theory, BothDatabases]
    public async Task CdcSweep_ChangeToADocumentBeingBookedAgainst_IsJudgedAtTheNextInterval(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await StartAsync(kind, notify: false, sourceType: "shopify");
        var sweep = ActivatorUtilities.CreateInstance<DriftSweep>(world.Services, new DriftOptions { SweepInterval = TimeSpan.FromHours(1) });
        var sale = await world.DeliverAsync(Delivery.Fixture("shopify/order.rest-fixture.json").ToJsonString(), Delivery.Topic("X-Shopify-Topic", "orders/create"));
        await SweepAllAsync(world, [sweep]);
        // An attempt in flight holds the sale's invoice, and the invoice is voided in QBO meanwhile.
        await HoldTurnAsync(world, database, "Invoice", sale.DocumentId!);
        await AsCompanyUserAsync(world, (qbo, credentials) => VoidAsync(qbo, credentials, "Invoice", sale.DocumentId!));

        world.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(0, await world.Pump.WhileAsync(sweep.RunAsync(default)));
        Assert.Equal(PayloadStatus.Succeeded, await PayloadStatusAsync(database, sale.PayloadId));

        // The attempt ended without recording a void: at the next interval the change is someone's in QBO (read by CDC, a
        // void is the invoice's total gone to zero).
        await database.Database.ExecuteAsync("DELETE FROM webhook_queue WHERE payload_id = 'in-flight'", null, default);
        world.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, await world.Pump.WhileAsync(sweep.RunAsync(default)));
        var drifted = await world.SettledAsync(sale.PayloadId, PayloadStatus.Drifted);
        Assert.StartsWith(DriftDetector.Edited, drifted.LastError);
        Assert.Contains("its total is 0.00", drifted.LastError);
    }

    /// <summary>
    /// Intuit notifies a change to a document an attempt books against right now: the notice is not judged then (the
    /// change is most likely the attempt's own), and it is taken up again a little later, without waiting for the sweep's
    /// hour. Once no attempt holds the document, a change no attempt recorded is drift.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Notification_ForADocumentBeingBookedAgainst_IsJudgedAgainSoonAfter(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        var logs = new LogCapture();
        await using var world = await StartAsync(kind, sourceType: "shopify", overrides: logs.Install);
        var sale = await world.DeliverAsync(Delivery.Fixture("shopify/order.rest-fixture.json").ToJsonString(), Delivery.Topic("X-Shopify-Topic", "orders/create"));
        await world.Connect.Sandbox.State.FlushWebhooksAsync();
        await SettleDriftAsync(world);
        await HoldTurnAsync(world, database, "Invoice", sale.DocumentId!);
        await AsCompanyUserAsync(world, (qbo, credentials) => VoidAsync(qbo, credentials, "Invoice", sale.DocumentId!));

        await world.Connect.Sandbox.State.FlushWebhooksAsync();
        await Eventually.GetAsync(() => Task.FromResult(logs.Lines.Any(line => line.Contains("is booking against it", StringComparison.Ordinal))), seen => seen,
            betweenReads: world.Pump.Tick);
        Assert.Equal(PayloadStatus.Succeeded, await PayloadStatusAsync(database, sale.PayloadId));

        // The attempt ends without recording a void; the notice's next try, seconds later, finds the change someone's.
        await database.Database.ExecuteAsync("DELETE FROM webhook_queue WHERE payload_id = 'in-flight'", null, default);
        var drifted = await world.SettledAsync(sale.PayloadId, PayloadStatus.Drifted);
        Assert.StartsWith(DriftDetector.Voided, drifted.LastError);
        await SettleDriftAsync(world);
    }

    /// <summary>
    /// A notice whose drift cannot be recorded when it comes (the database refuses the write) is applied again a little
    /// later, without waiting for the sweep.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Notification_WhoseDriftCannotBeRecorded_IsAppliedAgainLater(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        var logs = new LogCapture();
        await using var world = await StartAsync(kind, overrides: logs.Install);
        // The clock moves while the test waits: the notice's read of QBO waits for a permit of the company's per-second budget.
        var sale = await VoidPaymentWhileDriftIsRefusedAsync(world, database, () => Eventually.GetAsync(
            () => Task.FromResult(FailuresLogged(logs)), failures => failures > 0, betweenReads: world.Pump.Tick));
        Assert.Equal(PayloadStatus.Succeeded, await PayloadStatusAsync(database, sale.PayloadId));

        await DriftedOnALaterTryAsync(world, logs, sale.PayloadId, DriftDetector.Voided);
    }

    /// <summary>A notice whose drift is refused at every try is left to the CDC sweep, and the log says so.</summary>
    [Theory, BothDatabases]
    public async Task Notification_ThatFailsEveryTry_IsLeftToTheSweep(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        var logs = new LogCapture();
        await using var world = await StartAsync(kind, overrides: logs.Install);
        var sale = await VoidPaymentWhileDriftIsRefusedAsync(world, database, async () =>
        {
            // Each try's wait is passed at once rather than tick by tick: the four tries span more than two minutes.
            for (var tries = 1; tries < DriftWorker.MaxTries; tries++)
            {
                await Eventually.GetAsync(() => Task.FromResult(FailuresLogged(logs)), failures => failures >= tries, betweenReads: world.Pump.Tick);
                world.Clock.Advance(DriftWorker.RetryDelay(tries));
            }

            await SettleDriftAsync(world);
        });

        // The payment's void and the invoice's balance that changed with it: one notification, or two should the sandbox
        // send them apart; each is tried MaxTries times.
        var failures = FailuresLogged(logs);
        var leftToSweep = logs.Lines.Count(line => line.Contains($"Intuit notices could not be applied in {DriftWorker.MaxTries} tries", StringComparison.Ordinal));
        Assert.InRange(leftToSweep, 1, 2);
        Assert.Equal(DriftWorker.MaxTries * leftToSweep, failures);
        Assert.Equal(PayloadStatus.Succeeded, await PayloadStatusAsync(database, sale.PayloadId));
    }

    /// <summary>
    /// A bookkeeper edits a booked invoice, and Intuit's notice of it comes while QBO fails the read of that invoice: the
    /// notice is read again a little later, and the edit is found then, without waiting for the sweep.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Notification_WhoseDocumentQboFailsToRead_IsReadAgainLater(DatabaseKind kind)
    {
        var logs = new LogCapture();
        await using var world = await StartAsync(kind, sourceType: "shopify", overrides: logs.Install);
        var sale = await world.DeliverAsync(Delivery.Fixture("shopify/order.rest-fixture.json").ToJsonString(), Delivery.Topic("X-Shopify-Topic", "orders/create"));
        await world.Connect.Sandbox.State.FlushWebhooksAsync();
        await SettleDriftAsync(world);
        await AsCompanyUserAsync(world, async (qbo, credentials) =>
        {
            var invoice = (await qbo.ReadAsync(credentials, "Invoice", sale.DocumentId!, default))!;
            DoubleFirstLine(invoice);
            await PostToCompanyAsync(world, credentials, "invoice", invoice);
        });

        // Every send of one read fails (the client tries a read four times).
        await world.AddFaultAsync(new { realmId = world.RealmId, entity = "invoice", method = "GET", status = 503, count = 4 });
        await world.Connect.Sandbox.State.FlushWebhooksAsync();
        await Eventually.GetAsync(() => Task.FromResult(logs.Lines.Any(line => line.Contains("now; it is looked at again later", StringComparison.Ordinal))),
            seen => seen, betweenReads: world.Pump.Tick);

        world.Clock.Advance(DriftWorker.RetryDelay(1));
        await DriftedOnALaterTryAsync(world, logs, sale.PayloadId, DriftDetector.Edited);
    }

    /// <summary>
    /// The service's clock runs 90 s ahead of QBO's. A change QBO stamps after the first sweep read, but before the time
    /// the service took as that sweep's start, is read by the next sweep all the same: it reads from a margin before.
    /// </summary>
    [Theory, BothDatabases]
    public async Task CdcSweep_ServiceClockAheadOfQbos_FindsAChangeStampedBeforeTheLastSweepBegan(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await StartAsync(kind, notify: false, sourceType: "shopify");
        var ahead = new AheadOf(world.Clock, TimeSpan.FromSeconds(90));
        var sweep = ActivatorUtilities.CreateInstance<DriftSweep>(world.Services, new DriftOptions { SweepInterval = TimeSpan.FromHours(1) }, (TimeProvider)ahead);
        var sale = await world.DeliverAsync(Delivery.Fixture("shopify/order.rest-fixture.json").ToJsonString(), Delivery.Topic("X-Shopify-Topic", "orders/create"));
        await SweepAllAsync(world, [sweep]);

        world.Clock.Advance(TimeSpan.FromSeconds(30));
        await AsCompanyUserAsync(world, (qbo, credentials) => VoidAsync(qbo, credentials, "Invoice", sale.DocumentId!));
        world.Clock.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal(1, await world.Pump.WhileAsync(sweep.RunAsync(default)));
        Assert.StartsWith(DriftDetector.Edited, (await world.SettledAsync(sale.PayloadId, PayloadStatus.Drifted)).LastError);
    }

    /// <summary>A clock a fixed time ahead of the test's.</summary>
    private sealed class AheadOf(TimeProvider clock, TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow() + by;
    }

    /// <summary>
    /// Where each company's sweep stands is shared by the instances: however many run, one reads a company's changes
    /// each interval (CDC reads are metered), and an instance started later goes on from the last sweep instead of
    /// reading a day back again.
    /// </summary>
    [Theory, BothDatabases]
    public async Task CdcSweep_OnSeveralInstances_ReadsEachCompanyOnceAnInterval(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        // A company of its own, so that only this organization's reads reach its realm.
        await using var world = await PipelineWorld.StartAsync(database, "stripe", company: new CompanySettings { Country = "US" });
        await using var second = await world.StartHostAsync();
        var hourly = new DriftOptions { SweepInterval = TimeSpan.FromHours(1) };
        var sweeps = new List<DriftSweep>
        {
            ActivatorUtilities.CreateInstance<DriftSweep>(world.Services, hourly),
            ActivatorUtilities.CreateInstance<DriftSweep>(second.Services, hourly),
        };
        var before = QboRequests(world);
        var firstSweepAt = world.Clock.GetUtcNow().UtcDateTime;

        await SweepAllAsync(world, sweeps);
        Assert.Equal(1, QboRequests(world) - before);
        var from = await ChangedSinceAsync(database, world);
        Assert.InRange(from!.Value, firstSweepAt - DriftSweep.ClockMargin - TimeSpan.FromSeconds(1), world.Clock.GetUtcNow().UtcDateTime - DriftSweep.ClockMargin + TimeSpan.FromSeconds(1));

        // Not due again within the hour, on either instance; then one of them reads, from where the first sweep began.
        world.Clock.Advance(TimeSpan.FromMinutes(58));
        await SweepAllAsync(world, sweeps);
        Assert.Equal(1, QboRequests(world) - before);
        world.Clock.Advance(TimeSpan.FromMinutes(3));
        await SweepAllAsync(world, sweeps);
        Assert.Equal(2, QboRequests(world) - before);
        Assert.True(await ChangedSinceAsync(database, world) > from);

        // An instance started now (a restart, a new one) finds the company swept: no read, where it used to read a day back.
        await using var third = await world.StartHostAsync();
        await SweepAllAsync(world, [ActivatorUtilities.CreateInstance<DriftSweep>(third.Services, hourly)]);
        Assert.Equal(2, QboRequests(world) - before);
    }

    /// <summary>
    /// A notice and the sweep telling the same change at once (on two instances) both find it new before either writes
    /// it: the one that writes second finds the ledger changed already, and records nothing.
    /// </summary>
    [Theory, BothDatabases]
    public async Task SameChangeWrittenTwiceAtOnce_IsRecordedOnce(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await StartAsync(kind, notify: false);
        var sale = await world.DeliverFixtureAsync("stripe/invoice.paid.json");
        var payment = (string)Assert.Single(world.Entities("Payment"))["Id"]!;
        var recorder = world.Services.GetRequiredService<OutcomeRecorder>();
        var change = world.Services.GetRequiredService<LedgerStore>()
            .StateChange(world.Organization.OrganizationId, "Payment", payment, LedgerStates.Voided, null);
        var drift = new NewSyncLog
        {
            OrganizationId = world.Organization.OrganizationId,
            PayloadId = sale.PayloadId,
            SourceId = world.Source.SourceId,
            Status = PayloadStatus.Drifted,
            Attempt = 1,
            ErrorCode = DriftDetector.Voided,
            ErrorMessage = $"Payment {payment} was voided in QBO.",
        };

        Assert.Equal(1, await recorder.DocumentDriftedAsync(change, [drift], default));
        Assert.Equal(0, await recorder.DocumentDriftedAsync(change, [drift], default));
        Assert.Equal(PayloadStatus.Drifted, await PayloadStatusAsync(database, sale.PayloadId));
        Assert.Equal(1, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM sync_logs WHERE payload_id = @PayloadId AND status = @Drifted",
            new { sale.PayloadId, PayloadStatus.Drifted }));
    }

    /// <summary>
    /// A company whose drift the database will not record does not keep the sweep from the companies after it: they are
    /// swept in the same round, which then fails with the count, and the first is read again once its lease has passed.
    /// </summary>
    [Theory, BothDatabases]
    public async Task CdcSweep_WhenOneCompanysDriftCannotBeRecorded_StillSweepsTheCompaniesAfterIt(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await StartAsync(kind, notify: false);
        var first = await world.DeliverFixtureAsync("stripe/invoice.paid.json");
        var firstPayment = (string)Assert.Single(world.Entities("Payment"))["Id"]!;
        // A second organization, created later (so swept after the first), connected to the same company, with a sale of its own.
        var (second, secondKey) = await world.Connect.CreateOrganizationAsync();
        await world.Services.GetRequiredService<WebhookStore>().CreateSourceAsync(second.OrganizationId, "main", "stripe", "none", null, null, true, default);
        await world.Connect.ConnectAsync(second, secondKey);
        var secondSale = await DeliverToAsync(world, second, secondKey, Delivery.Fixture("stripe/invoice.paid.json").ToJsonString());
        var secondPayment = (string)Assert.Single(world.Entities("Payment"), p => (string?)p["Id"] != firstPayment)["Id"]!;
        var sweep = world.Services.GetRequiredService<DriftSweep>();
        Assert.Equal(0, await world.Pump.WhileAsync(sweep.RunAsync(default)));

        await AsCompanyUserAsync(world, async (qbo, credentials) =>
        {
            await VoidAsync(qbo, credentials, "Payment", firstPayment);
            await VoidAsync(qbo, credentials, "Payment", secondPayment);
        });
        world.Clock.Advance(new DriftOptions().SweepInterval);
        await using (await RefuseDriftAsync(database, world))
        {
            var round = await Assert.ThrowsAsync<SweepRoundException>(() => world.Pump.WhileAsync(sweep.RunAsync(default)));
            Assert.Contains("failed for 1 companies", round.Message);
        }

        Assert.Equal(PayloadStatus.Drifted, await PayloadStatusAsync(database, secondSale));
        Assert.Equal(PayloadStatus.Succeeded, await PayloadStatusAsync(database, first.PayloadId));

        // The first company's cursor did not move: once its lease has passed, the next round reads its change again.
        world.Clock.Advance(DriftSweep.Lease);
        await world.Pump.WhileAsync(sweep.RunAsync(default));
        Assert.Equal(PayloadStatus.Drifted, await PayloadStatusAsync(database, first.PayloadId));
    }

    /// <summary>A sweep that cannot read QBO leaves the company due at the next interval, from the same point.</summary>
    [Theory, BothDatabases]
    public async Task CdcSweep_WhenQboFails_ReadsFromTheSamePointAtTheNextInterval(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "stripe", company: new CompanySettings { Country = "US" });
        var sweep = ActivatorUtilities.CreateInstance<DriftSweep>(world.Services, new DriftOptions { SweepInterval = TimeSpan.FromHours(1) });
        await SweepAllAsync(world, [sweep]);
        var from = await ChangedSinceAsync(database, world);

        // Every send of the read fails (the client tries a read four times).
        world.Clock.Advance(TimeSpan.FromMinutes(61));
        await world.AddFaultAsync(new { realmId = world.RealmId, entity = "cdc", status = 503, count = 4 });
        var before = QboRequests(world);
        await SweepAllAsync(world, [sweep]);
        Assert.Equal(from, await ChangedSinceAsync(database, world));
        var failed = QboRequests(world) - before;
        Assert.Equal(4, failed);

        // Not due again at once: at the next interval it reads from the same point, and moves on.
        await SweepAllAsync(world, [sweep]);
        Assert.Equal(failed, QboRequests(world) - before);
        world.Clock.Advance(TimeSpan.FromMinutes(61));
        await SweepAllAsync(world, [sweep]);
        Assert.Equal(failed + 1, QboRequests(world) - before);
        Assert.True(await ChangedSinceAsync(database, world) > from);
    }

    /// <summary>
    /// QBO answers a CDC read with at most 1,000 objects (here 3, the sandbox's cap lowered with the sweep's), without
    /// saying which it left out. A company that changed more since its last sweep is read again entity by entity, up
    /// to its latest change, so no change past the first answer is lost.
    /// </summary>
    [Theory, BothDatabases]
    public Task CdcSweep_MoreChangesThanOneAnswerHolds_FindsEveryOne(DatabaseKind kind) => DeleteFourInvoicesAndSweepAsync(kind, cap: 3);

    /// <summary>
    /// Far behind (one object an answer, so two reads a change): a sweep reads as much as one sweep may, and the next
    /// look, due at once, goes on from where it stopped until every change is found.
    /// </summary>
    [Theory, BothDatabases]
    public Task CdcSweep_FarBehind_GoesOnAtTheNextLook(DatabaseKind kind) => DeleteFourInvoicesAndSweepAsync(kind, cap: 1);

    private async Task DeleteFourInvoicesAndSweepAsync(DatabaseKind kind, int cap)
    {
        await using var world = await StartAsync(kind, notify: false, sourceType: "shopify");
        var sales = new List<Delivered>();
        for (var order = 0; order < 4; order++)
        {
            sales.Add(await world.DeliverAsync(PipelineWorld.ShopifyOrder(88001 + order), Delivery.Topic("X-Shopify-Topic", "orders/create")));
        }

        Assert.All(sales, sale => Assert.Equal(PayloadStatus.Succeeded, sale.Status));
        world.Connect.Sandbox.State.Options.CdcMaxObjects = cap;
        var sweep = ActivatorUtilities.CreateInstance<DriftSweep>(world.Services, new DriftOptions { MaxObjectsPerRead = cap });
        Assert.Equal(0, await SweepUntilCaughtUpAsync(world, sweep));
        world.Clock.Advance(TimeSpan.FromMinutes(61));

        // A bookkeeper deletes the four invoices, seconds apart: more changes than one answer holds.
        foreach (var sale in sales)
        {
            await AsCompanyUserAsync(world, async (qbo, credentials) =>
            {
                var current = await qbo.ReadAsync(credentials, "Invoice", sale.DocumentId!, default);
                await PostToCompanyAsync(world, credentials, "invoice?operation=delete",
                    new JsonObject { ["Id"] = sale.DocumentId, ["SyncToken"] = current!["SyncToken"]!.DeepClone() });
            });
            world.Clock.Advance(TimeSpan.FromSeconds(2));
        }

        var found = await world.Pump.WhileAsync(sweep.RunAsync(default));
        if (cap == 1)
        {
            // One sweep may read five times: not enough for all four here.
            Assert.InRange(found, 0, 3);
            found += await SweepUntilCaughtUpAsync(world, sweep);
        }

        Assert.Equal(4, found);
        foreach (var sale in sales)
        {
            var drifted = await world.SettledAsync(sale.PayloadId, PayloadStatus.Drifted);
            Assert.StartsWith(DriftDetector.Deleted, drifted.LastError);
        }
    }

    [Theory, BothDatabases]
    public async Task Notifications_UnsignedOrMalformed_AreRefusedWithCodes(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind, notify: false);
        var body = """[{"specversion":"1.0","type":"qbo.invoice.updated.v1","intuitentityid":"1","intuitaccountid":"1"}]"""u8.ToArray();

        using var unsigned = await PostAsync(world, body, "bm90IGEgc2lnbmF0dXJl");
        using var malformed = await PostAsync(world, """{"hello":1}"""u8.ToArray(), IntuitSignature.Sign("""{"hello":1}"""u8, VerifierToken));
        using var signed = await PostAsync(world, body, IntuitSignature.Sign(body, VerifierToken));

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(IntuitWebhookEndpoints.SignatureInvalidCode, (string?)(await unsigned.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(1, (int)(await signed.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["changes"]!);
    }

    /// <summary>Runs the sweep while it leaves the company due at once (behind), at most ten times; returns what it found.</summary>
    private static async Task<int> SweepUntilCaughtUpAsync(PipelineWorld world, DriftSweep sweep)
    {
        var found = 0;
        for (var look = 0; look < 10; look++)
        {
            found += await world.Pump.WhileAsync(sweep.RunAsync(default));
            var due = await Sql.ScalarAsync<DateTime>(world.Services.GetRequiredService<Database>(),
                "SELECT next_sweep_at FROM drift_cursors WHERE organization_id = @OrganizationId", new { world.Organization.OrganizationId });
            if (due > world.Clock.GetUtcNow().UtcDateTime)
            {
                return found;
            }
        }

        throw new Xunit.Sdk.XunitException("The sweep did not catch up in ten looks.");
    }

    private static async Task SweepAllAsync(PipelineWorld world, IEnumerable<DriftSweep> sweeps)
    {
        foreach (var sweep in sweeps)
        {
            await world.Pump.WhileAsync(sweep.RunAsync(default));
        }
    }

    /// <summary>The requests the world's company received: only its organization's, as the company is its own.</summary>
    private static long QboRequests(PipelineWorld world) =>
        world.Connect.Sandbox.State.GetStats().Realms.SingleOrDefault(realm => realm.RealmId == world.RealmId)?.Requests ?? 0;

    /// <summary>Delivers <paramref name="body"/> to another organization's source and waits until its attempt is over; returns the payload's id.</summary>
    private static async Task<string> DeliverToAsync(PipelineWorld world, Organization organization, string apiKey, string body)
    {
        using var client = world.Connect.ClientWithKey(apiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhook/{organization.Slug}?wait=30")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await world.Pump.WhileAsync(client.SendAsync(request));
        var data = await PipelineWorld.DataAsync(response);
        Assert.Equal(PayloadStatus.Succeeded, data.GetProperty("status").GetString());
        return data.GetProperty("payloadId").GetString()!;
    }

    private static Task<string?> PayloadStatusAsync(TestDatabase database, string payloadId) =>
        Sql.ScalarAsync<string>(database.Database, "SELECT status FROM webhook_payloads WHERE payload_id = @PayloadId", new { PayloadId = payloadId });

    private static Task<DateTime?> ChangedSinceAsync(TestDatabase database, PipelineWorld world) =>
        Sql.ScalarAsync<DateTime?>(database.Database, "SELECT changed_since FROM drift_cursors WHERE organization_id = @OrganizationId",
            new { world.Organization.OrganizationId });

    /// <summary>An attempt in flight (its queue entry leased) holds the document's turn, as one booking against it would.</summary>
    private static async Task HoldTurnAsync(PipelineWorld world, TestDatabase database, string entity, string documentId)
    {
        var now = world.Clock.GetUtcNow().UtcDateTime;
        await database.Database.ExecuteAsync("""
            INSERT INTO webhook_queue (payload_id, received_at, organization_id, status, attempts, next_attempt_at, lease_owner, lease_until)
            VALUES ('in-flight', @Now, @OrganizationId, @Processing, 1, @Now, 'worker', @Until)
            """, new { Now = now, world.Organization.OrganizationId, PayloadStatus.Processing, Until = now.AddHours(2) }, default);
        Assert.Null(await world.Services.GetRequiredService<ISaleTurns>().TakeAsync(world.Organization.OrganizationId, "in-flight",
            [SaleTurnNames.Document(entity, documentId)], default));
    }

    /// <summary>
    /// A paid Stripe invoice is booked; then someone voids its payment in QBO while the database refuses to record the
    /// organization's drift, and Intuit's notification of it arrives. <paramref name="whileRefused"/> runs before the
    /// refusal ends.
    /// </summary>
    private static async Task<Delivered> VoidPaymentWhileDriftIsRefusedAsync(PipelineWorld world, TestDatabase database, Func<Task> whileRefused)
    {
        var sale = await world.DeliverFixtureAsync("stripe/invoice.paid.json");
        await world.Connect.Sandbox.State.FlushWebhooksAsync();
        await SettleDriftAsync(world);
        var payment = (string)Assert.Single(world.Entities("Payment"))["Id"]!;
        await using (await RefuseDriftAsync(database, world))
        {
            await AsCompanyUserAsync(world, (qbo, credentials) => VoidAsync(qbo, credentials, "Payment", payment));
            await world.Connect.Sandbox.State.FlushWebhooksAsync();
            await whileRefused();
        }

        return sale;
    }

    /// <summary>A bookkeeper's edit in QBO: the invoice's first item line, twice as many at the same price.</summary>
    private static void DoubleFirstLine(JsonObject invoice)
    {
        var line = invoice["Line"]!.AsArray().OfType<JsonObject>().First(l => (string?)l["DetailType"] == "SalesItemLineDetail");
        line["Amount"] = line["Amount"]!.GetValue<decimal>() * 2;
        line["SalesItemLineDetail"]!["Qty"] = line["SalesItemLineDetail"]!["Qty"]!.GetValue<decimal>() * 2;
    }

    /// <summary>The payload turns drifted with <paramref name="code"/> on a later try of its notice, not left to the sweep.</summary>
    private static async Task DriftedOnALaterTryAsync(PipelineWorld world, LogCapture logs, string payloadId, string code)
    {
        var drifted = await world.SettledAsync(payloadId, PayloadStatus.Drifted);
        Assert.StartsWith(code, drifted.LastError);
        await SettleDriftAsync(world);
        Assert.DoesNotContain(logs.Lines, line => line.Contains("the next CDC sweep reads their changes", StringComparison.Ordinal));
    }

    /// <summary>How many times the worker has logged a notification it could not apply.</summary>
    private static int FailuresLogged(LogCapture logs) => logs.Lines.Count(line => line.Contains("Following changes made in QBO failed", StringComparison.Ordinal));

    /// <summary>The database refuses to record the organization's drift until the returned trigger is dropped.</summary>
    private static Task<TestTrigger> RefuseDriftAsync(TestDatabase database, PipelineWorld world) =>
        TestTrigger.InstallAsync(database, TestTrigger.NewName("drift_refused"), "BEFORE INSERT ON sync_logs",
            $"NEW.organization_id = '{Guid.Parse(world.Organization.OrganizationId)}' AND NEW.status = '{PayloadStatus.Drifted}'",
            "SELECT RAISE(ABORT, 'the drift is refused');", "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the drift is refused';");

    private async Task<PipelineWorld> StartAsync(DatabaseKind kind, bool notify = true, string sourceType = "stripe", Action<IServiceCollection>? overrides = null)
    {
        var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), sourceType,
            settings: new Dictionary<string, string> { ["QBO_WEBHOOK_VERIFIER_TOKEN"] = VerifierToken }, overrides: overrides);
        if (notify)
        {
            world.Connect.Sandbox.State.RegisterWebhook(new SandboxWebhook
            {
                Url = new Uri(world.Connect.Service.BaseAddress, "/api/v1/intuit/webhooks").ToString(),
                VerifierToken = VerifierToken,
            });
        }

        return world;
    }

    /// <summary>Notifications are applied from a queue after the acknowledgement: waits until the last one is applied.</summary>
    private static Task SettleDriftAsync(PipelineWorld world)
    {
        var queue = world.Services.GetRequiredService<DriftQueue>();
        return Eventually.GetAsync(() => Task.FromResult(queue.Pending), pending => pending == 0, betweenReads: world.Pump.Tick);
    }

    /// <summary>
    /// Someone working in the company in QBO, through the service's own client: it keeps to QBO's per-second limit on the
    /// test's fake clock, which the pump moves meanwhile.
    /// </summary>
    private static async Task AsCompanyUserAsync(PipelineWorld world, Func<QboClient, QboCredentials, Task> change)
    {
        var token = await world.Services.GetRequiredService<TokenManager>().GetValidTokenAsync(world.Organization.OrganizationId, default);
        await world.Pump.WhileAsync(change(world.Services.GetRequiredService<QboClient>(), new QboCredentials(token.RealmId, token.AccessToken)));
    }

    private static async Task VoidAsync(QboClient qbo, QboCredentials credentials, string entity, string id)
    {
        var current = await qbo.ReadAsync(credentials, entity, id, default);
        await qbo.VoidAsync(credentials, entity, id, (string)current!["SyncToken"]!, null, default);
    }

    /// <summary>
    /// A write QBO's own user interface would make, straight to the sandbox (the service's client has no delete).
    /// It takes a permit from the service's realm limiter like every other call here, or it could be the eleventh request
    /// of a fake second and draw a 429.
    /// </summary>
    private static async Task PostToCompanyAsync(PipelineWorld world, QboCredentials credentials, string relative, JsonObject body)
    {
        using var permit = await world.Services.GetRequiredService<QboRealmLimiter>().AcquireAsync(credentials.RealmId, QboTraffic.Documents, isBatch: false, default);
        using var http = new HttpClient { BaseAddress = world.Connect.Sandbox.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/company/{credentials.RealmId}/{relative}")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credentials.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private static Task<HttpResponseMessage> PostAsync(PipelineWorld world, byte[] body, string signature)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/intuit/webhooks") { Content = content };
        request.Headers.Add(IntuitSignature.Header, signature);
        return world.Connect.Service.Client.SendAsync(request);
    }
}

