using System.Text.Json;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// An attempt's ledger links are written with its outcome, in one transaction (<see cref="AttemptLedger"/>): the attempt
/// reads its own links before they are written; and an attempt that dies after QBO created its document but before its
/// outcome committed leaves no link, so its retry must find the document by fingerprint instead of creating it again.
/// That a failed attempt still links what it booked is shown by LifecycleBookingTests'
/// <c>PaymentFailingAfterItsInvoice_IsRetried_WithoutASecondInvoice</c>.
/// </summary>
public sealed class AttemptLedgerTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task AttemptLedger_ReadsItsOwnLinksAndChanges_WritesNothingUntilTheOutcome(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        var store = new LedgerStore(database.Database, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var organizationId = Guid.NewGuid().ToString();
        var committed = store.ForAttempt();
        committed.Link(Link(organizationId, "Invoice", "10", "stripe:charge:a", "payload-1"), ["stripe:charge:a"]);
        await WriteAsync(database, committed);

        var attempt = store.ForAttempt();
        // The name already linked keeps its first document, as insert-or-ignore keeps it in the table.
        attempt.Link(Link(organizationId, "Invoice", "11", "stripe:charge:a", "payload-2"), ["stripe:charge:a", "stripe:payment_intent:a"]);
        attempt.MarkPaid(organizationId, "Invoice", "10");
        attempt.MarkPaid(organizationId, "Invoice", "11");

        var first = await attempt.FindAsync(organizationId, ["stripe:charge:a"], DocumentPlanner.SaleRole, default);
        var alias = await attempt.FindAsync(organizationId, ["stripe:payment_intent:a"], DocumentPlanner.SaleRole, default);
        Assert.Equal(("10", true), (first?.QboId, first?.Paid));
        Assert.Equal(("11", true), (alias?.QboId, alias?.Paid));
        Assert.Null(await store.ForAttempt().FindAsync(organizationId, ["stripe:payment_intent:a"], DocumentPlanner.SaleRole, default));
        Assert.False((await store.FindAllAsync(organizationId, ["stripe:charge:a"], DocumentPlanner.SaleRole, default)).Single().Paid);

        await WriteAsync(database, attempt);

        var written = await store.FindAllAsync(organizationId, ["stripe:charge:a", "stripe:payment_intent:a"], DocumentPlanner.SaleRole, default);
        Assert.Equal([("stripe:charge:a", "10", true), ("stripe:payment_intent:a", "11", true)],
            written.Select(l => (l.SourceKey, l.QboId, l.Paid)).OrderBy(l => l.SourceKey, StringComparer.Ordinal).ToList());
        Assert.Empty(await store.FindAllAsync(Guid.NewGuid().ToString(), ["stripe:charge:a"], DocumentPlanner.SaleRole, default));
    }

    [Theory, BothDatabases]
    public async Task QboAnsweredThenAttemptDiedBeforeItsOutcome_RetryAdoptsTheDocument_NoneTwice(DatabaseKind kind)
    {
        var lookups = new FingerprintQueries();
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify", overrides: lookups.Install);
        // The first attempt's outcome cannot commit, whatever it is: as if the process died as soon as QBO answered.
        await using var dies = await FirstOutcomeFails.InstallAsync(database, world.Organization.OrganizationId);

        var sale = await world.DeliverAsync(PipelineWorld.ShopifyOrder(7_200_001), Delivery.Topic("X-Shopify-Topic", "orders/create"));

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Equal(2, sale.Detail.GetProperty("payload").GetProperty("attempts").GetInt32());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(sale.DocumentId, (string?)invoice["Id"]);
        // No link survived the first attempt, so the retry asked QBO by fingerprint and took the invoice it found.
        Assert.Equal(1, lookups.Count);
        Assert.Contains("FOUND_BY_FINGERPRINT", SucceededLog(sale).GetProperty("errorMessage").GetString());
        var links = await world.Services.GetRequiredService<LedgerStore>().ListByDocumentAsync(world.Organization.OrganizationId, "Invoice", sale.DocumentId!, default);
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.Equal(sale.PayloadId, l.PayloadId));
    }

    private static JsonElement SucceededLog(Delivered delivered) =>
        delivered.Detail.GetProperty("syncLogs").EnumerateArray().Single(l => l.GetProperty("status").GetString() == PayloadStatus.Succeeded);

    private static LedgerLink Link(string organizationId, string qboType, string qboId, string sourceKey, string payloadId) => new()
    {
        OrganizationId = organizationId,
        SourceKey = sourceKey,
        Role = DocumentPlanner.SaleRole,
        QboType = qboType,
        QboId = qboId,
        Total = 12.50m,
        PayloadId = payloadId,
    };

    private static async Task WriteAsync(TestDatabase database, AttemptLedger attempt)
    {
        await using var transaction = await database.Database.BeginTransactionAsync(default);
        await attempt.WriteAsync(transaction, default);
        await transaction.CommitAsync(default);
    }
}
