using AccountingIntegration.Books;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// What the sweep asks the ledger for the names expired waits keep (<see cref="LedgerStore.BookedKeysAsync"/>): a sale's
/// name once its sale is booked, a refund's once its refund receipt or credit memo is booked under it and still stands, a
/// credit to the customer's balance once its invoice is (not its credit memo alone); nothing of another organization's.
/// </summary>
public sealed class BookedKeysTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task BookedKeys_NameTheSalesAndTheRefundsAndCreditsStillStanding_OfTheOrganizationOnly(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        var store = new LedgerStore(database.Database, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var organizationId = Guid.NewGuid().ToString();
        var attempt = store.ForAttempt();
        attempt.Link(Link(organizationId, DocumentPlanner.SaleRole, "Invoice", "1"), ["src/charge:ch_sale"]);
        attempt.Link(Link(organizationId, DocumentPlanner.RefundRole("re_receipt"), "RefundReceipt", "2"), ["src/charge:ch_sale", "src/refund:re_receipt"]);
        attempt.Link(Link(organizationId, DocumentPlanner.CreditRole("re_credit"), "CreditMemo", "3"), ["src/refund:re_credit"]);
        attempt.Link(Link(organizationId, DocumentPlanner.RefundRole("re_taken_back"), "RefundReceipt", "4"), ["src/refund:re_taken_back"]);
        attempt.MarkState(organizationId, "RefundReceipt", "4", LedgerStates.Deleted, null);
        attempt.Link(Link(organizationId, DocumentPlanner.RefundRole("re_other"), "RefundReceipt", "5"), ["src/charge:ch_unbooked"]);
        attempt.Link(Link(organizationId, DocumentPlanner.BalanceCreditNoteRole("cn_credited"), "Invoice", "6"), ["src/invoice:in_sale", "src/credit_note:cn_credited"]);
        attempt.Link(Link(organizationId, DocumentPlanner.BalanceCreditNoteCreditRole("cn_credited"), "CreditMemo", "7"), ["src/credit_note:cn_memo_only"]);
        await using (var transaction = await database.Database.BeginTransactionAsync(default))
        {
            await attempt.WriteAsync(transaction, default);
            await transaction.CommitAsync(default);
        }

        string[] names =
        [
            "src/charge:ch_sale", "src/refund:re_receipt", "src/refund:re_credit", "src/refund:re_taken_back", "src/charge:ch_unbooked", "src/refund:re_never",
            "src/credit_note:cn_credited", "src/credit_note:cn_memo_only",
        ];

        var booked = await store.BookedKeysAsync(organizationId, names, default);

        Assert.Equal(["src/charge:ch_sale", "src/credit_note:cn_credited", "src/refund:re_credit", "src/refund:re_receipt"], booked.Order(StringComparer.Ordinal));
        Assert.Empty(await store.BookedKeysAsync(Guid.NewGuid().ToString(), names, default));
    }

    private static LedgerLink Link(string organizationId, string role, string qboType, string qboId) => new()
    {
        OrganizationId = organizationId,
        SourceKey = string.Empty,
        Role = role,
        QboType = qboType,
        QboId = qboId,
        Total = 10.00m,
        PayloadId = Guid.NewGuid().ToString(),
    };
}
