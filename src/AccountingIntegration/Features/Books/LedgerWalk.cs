using AccountingIntegration.Books;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// A plan's documents walked against the ledger in order, as booking books them and as the preview shows them, so the
/// two cannot decide differently: a document booked before under its role is found, not booked again (a sale sent
/// again); a document booked only with a new sale is passed over once the sale was found; a found sale's own payment is
/// what the payments booked for it do not hold yet (<see cref="SalePayments.UnbookedPart"/>). One walk per attempt or
/// preview: it remembers whether the sale was found. The notes it adds (PAID_ALREADY, OWED_SINCE) go to the caller's list.
/// </summary>
internal sealed class LedgerWalk(AttemptLedger ledger, string organizationId, IReadOnlyList<string> ownerKeys, SourceEvent sourceEvent, List<string> notes)
{
    private bool _saleFound;

    /// <summary>The planned document as it stands against the ledger: found, to book (perhaps for less), or nothing (null).</summary>
    public async Task<LedgerStep?> StepAsync(PlannedDocument planned, CancellationToken cancellationToken)
    {
        if (await ledger.FindAsync(organizationId, ownerKeys, planned.Role, cancellationToken) is { } existing)
        {
            _saleFound |= planned.Role == DocumentPlanner.SaleRole;
            return new LedgerStep(planned, existing);
        }

        if (planned.OnlyWithANewSale && _saleFound)
        {
            return null;
        }

        if (_saleFound && SalePayments.IsTheSalesPayment(sourceEvent, planned))
        {
            // The sale, booked unpaid before, now says what is paid in all: payments booked for it since (a sender's own
            // payment events) are part of that, and only the rest is a payment still to book.
            return SalePayments.UnbookedPart(planned, await PaidBookedAsync(cancellationToken), notes) is { } unbooked ? new LedgerStep(unbooked, null) : null;
        }

        return new LedgerStep(planned, null);
    }

    /// <summary>
    /// After the sale's payment was found (<paramref name="found"/>): what was paid since, when the sale now says more is
    /// paid. A sale paid in parts (Shopify's <c>partially_paid</c>, then orders/paid) states what is paid in all; the part
    /// paid since the payment was booked is a payment of its own, named by the total paid with it, so a redelivery finds it
    /// booked and a further part gets another. A vendor that marks the order paid without such a payment (WooCommerce) leaves
    /// the difference owing, with a note. Null when nothing more is paid.
    /// </summary>
    public async Task<LedgerStep?> PaidSinceAsync(LedgerStep found, CancellationToken cancellationToken)
    {
        var (paidInAll, existing) = (found.Document, found.BookedAs);
        if (existing is null || !SalePayments.IsTheSalesPayment(sourceEvent, paidInAll) || existing.Total >= paidInAll.Total)
        {
            return null;
        }

        if (sourceEvent.PaidIsTheWholeTotal)
        {
            notes.Add(SalePayments.OwedSince(sourceEvent, paidInAll, existing.Total));
            return null;
        }

        var role = SalePayments.PaidSinceRole(paidInAll);
        if (await ledger.FindAsync(organizationId, ownerKeys, role, cancellationToken) is { } since)
        {
            return new LedgerStep(SalePayments.WithAmount(paidInAll, role, since.Total), since);
        }

        var amount = paidInAll.Total - await PaidBookedAsync(cancellationToken);
        return amount > 0m ? new LedgerStep(SalePayments.WithAmount(paidInAll, role, amount), null) : null;
    }

    private Task<decimal> PaidBookedAsync(CancellationToken cancellationToken) =>
        SalePayments.BookedAsync(ledger, organizationId, ownerKeys[0], cancellationToken);
}

/// <summary>A planned document against the ledger: <see cref="BookedAs"/> is the document booked for it before, if any.</summary>
internal sealed record LedgerStep(PlannedDocument Document, LedgerLink? BookedAs);
