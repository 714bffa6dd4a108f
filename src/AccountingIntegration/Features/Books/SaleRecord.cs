using AccountingIntegration.Books;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// The booked sale a later event is planned against (<see cref="SaleOnRecord"/>): its QBO document and totals from the
/// ledger and, for a refund that states only its amount (Stripe's, PayPal's, Square's) or gives back the whole total
/// without lines (Paddle's full refund), the sale as its vendor stated it when the refund did not bring it along, and the refunds booked before: its share of the sale's lines and tax is then
/// what goes back. For the cancellation of an invoice money was received for, what it still owes and the sale as stated:
/// the share of it that was not paid is credited. For a refund that lists more than its money, what the invoice was never
/// paid: the money is then its share of the sale (<see cref="SaleOnRecord.Unpaid"/>). For a return whose lines differ from
/// its money by a discrepancy (<see cref="RefundInfo.LinesStatedAsTheSalesPrices"/>), the sale as stated, which says whether
/// the lines' amounts hold their tax.
/// For a refund whose sale says whether a merchant of record sold it (<see cref="RefundInfo.SaleSaysWhoseTaxItIs"/>), or whose
/// lines name the sold lines they return (<see cref="RefundInfo.NamesTheSoldLines"/>), the sale as stated too.
/// For refunds that did not go through, or a credit to the customer's balance voided, the documents booked for them.
/// For a credit to the customer's balance, the sale as stated, whose lines say which item each credited line is on; and for
/// any refund where the company's tax codes share rates, the sale as stated, whose place of supply chooses among them.
/// </summary>
internal static class SaleRecord
{
    /// <summary>
    /// <paramref name="sale"/> as <paramref name="sourceEvent"/> of <paramref name="sourceId"/> is planned against, read
    /// through <paramref name="ledger"/> (an attempt's, or one that is never written, for a preview) and
    /// <paramref name="statedSale"/> (the sale read again from the payload that booked it; null when there is none).
    /// <paramref name="choosesCodesByRegion"/>: the company's codes share rates (<see cref="CompanyRegime.ChoosesCodesByRegion"/>).
    /// </summary>
    public static async Task<SaleOnRecord> ReadAsync(string organizationId, string sourceId, SourceEvent sourceEvent, AttemptLedger ledger,
        Func<LedgerLink, CancellationToken, Task<Sale?>>? statedSale, LedgerLink sale, bool choosesCodesByRegion, CancellationToken cancellationToken)
    {
        var onRecord = new SaleOnRecord(sale.QboType, sale.QboId, sale.Total, sale.Paid, sale.Currency);
        if (UndoneDocuments.TakesBack(sourceEvent))
        {
            return onRecord with
            {
                DocumentsToTakeBack = await DocumentsToTakeBackAsync(ledger, organizationId, sourceId, sourceEvent, sale, cancellationToken),
            };
        }

        if (sourceEvent is { Meaning: EventMeaning.Cancellation } && sale is { Paid: true, QboType: "Invoice" })
        {
            var owed = Owed(sale, await ledger.ListCommittedAsync(organizationId, sale.SourceKey, cancellationToken));
            return onRecord with
            {
                Owed = owed,
                Stated = owed > 0m && statedSale is not null ? await statedSale(sale, cancellationToken) : null,
            };
        }

        if (sourceEvent.BalanceCredit is not null)
        {
            // A credit note's lines name the invoice lines they credit, not their items: the invoice as stated says which.
            return onRecord with { Stated = statedSale is not null ? await statedSale(sale, cancellationToken) : null };
        }

        if (sourceEvent is not { Meaning: EventMeaning.Refund } refund)
        {
            return onRecord;
        }

        var sharesTheSale = refund.Refunds.Any(r => r.IsBookedFromItsSale(sale.Total));
        // Whether the shop's prices hold their tax is the sale's to say, read below: a refund that lists more than its money
        // with the tax counted on top may, and is worth the read.
        var listsMore = sale.QboType == "Invoice" && refund.Refunds.Any(r => r.ListsMoreThanItsMoney(pricesIncludeTax: false));
        // A return that differs from its money by a discrepancy: whether its lines hold their tax is the sale's to say too. And
        // a refund names no province: where codes of the company share a rate, its lines take the sale's place of supply.
        var readsTheSale = refund.Sale is null && statedSale is not null
            && (choosesCodesByRegion || refund.Refunds.Any(r => r.LinesStatedAsTheSalesPrices || r.SaleSaysWhoseTaxItIs || r.NamesTheSoldLines));
        if (!sharesTheSale && !listsMore)
        {
            return readsTheSale ? onRecord with { Stated = await statedSale!(sale, cancellationToken) } : onRecord;
        }

        // One read of what is booked against the sale serves both what was never paid and the refunds before this one.
        var booked = await ledger.ListCommittedAsync(organizationId, sale.SourceKey, cancellationToken);
        var unpaid = listsMore ? Unpaid(sale, booked) : (decimal?)null;
        return sharesTheSale || unpaid > 0m || readsTheSale
            ? onRecord with
            {
                Stated = refund.Sale is null && statedSale is not null ? await statedSale(sale, cancellationToken) : null,
                RefundedBefore = RefundedBefore(sale, booked),
                Unpaid = unpaid,
            }
            : onRecord with { Unpaid = unpaid };
    }

    /// <summary>
    /// What the sale's invoice was never paid: its total less the payments booked against it (not since voided or deleted
    /// in QBO). Credits are not payments: an order cancelled after its deposit stays unpaid but for the deposit, whether its
    /// cancellation's credit was booked before its refund or after.
    /// </summary>
    internal static decimal Unpaid(LedgerLink sale, IReadOnlyList<LedgerLink> booked) =>
        Invoiced(sale) - Settled(booked, link => link.QboType == "Payment");

    /// <summary>
    /// What the sale's invoice still owes: its total less the payments and credit memos booked against it (not since voided
    /// or deleted in QBO); a cancellation's own credit is left out, so that a redelivered cancellation plans the same credit
    /// and finds it booked, and so is a credit to the customer's balance, applied to an invoice of its own.
    /// </summary>
    internal static decimal Owed(LedgerLink sale, IReadOnlyList<LedgerLink> booked) =>
        Invoiced(sale) - Settled(booked, link => link.QboType is "Payment" or "CreditMemo"
            && link.Role is not (DocumentPlanner.CancellationCreditRole or DocumentPlanner.CancellationCreditApplicationRole)
            && !DocumentPlanner.IsBalanceCreditNote(link.Role));

    /// <summary>The invoice's total: the vendor's, or QBO's where QBO's tax rounding made it less.</summary>
    private static decimal Invoiced(LedgerLink sale) => Math.Min(sale.StatedTotal ?? sale.Total, sale.Total);

    /// <summary>What the documents booked against the sale that <paramref name="count"/> (and still stand in QBO) come to, each once.</summary>
    private static decimal Settled(IReadOnlyList<LedgerLink> booked, Func<LedgerLink, bool> count) =>
        booked
            .Where(link => link.State is LedgerStates.Booked or LedgerStates.Drifted)
            .Where(count)
            .DistinctBy(link => (link.QboType, link.QboId))
            .Sum(link => link.Total);

    /// <summary>
    /// The documents booked against the sale for what <paramref name="undone"/> takes back (refunds that did not go through,
    /// a credit voided), whatever has happened to them since (a redelivery finds them taken back already), in the order
    /// they are taken back (<see cref="UndoneDocuments.Roles"/>).
    /// </summary>
    private static async Task<IReadOnlyList<DocumentOnRecord>> DocumentsToTakeBackAsync(AttemptLedger ledger, string organizationId, string sourceId, SourceEvent undone,
        LedgerLink sale, CancellationToken cancellationToken)
    {
        // Under the sale's names and the refund's or credit's own: their documents are linked under both.
        IReadOnlyList<string> names = [sale.SourceKey, .. SourceKeys.ForOriginal(sourceId, undone).Where(key => key != sale.SourceKey)];
        if (undone.Refunds.Any(refund => refund.BookedUnderCharge is not null))
        {
            var booked = await ledger.ListCommittedAsync(organizationId, sale.SourceKey, cancellationToken);
            var refunds = new List<RefundInfo>();
            foreach (var refund in undone.Refunds)
            {
                // A failure told again finds what it took back under the refund's own name, whatever was booked since.
                var takenBack = refund.BookedUnderCharge is null ? []
                    : await ledger.ListCommittedAsync(organizationId, SourceKeys.ForRefund(sourceId, refund.RefundId), cancellationToken);
                refunds.Add(AsBooked(refund, booked, takenBack));
            }

            undone = undone with { Refunds = refunds };
        }

        var documents = new List<DocumentOnRecord>();
        foreach (var role in UndoneDocuments.Roles(undone))
        {
            if (await ledger.FindAsync(organizationId, names, role, cancellationToken) is { } link)
            {
                documents.Add(new DocumentOnRecord(role, link.QboType, link.QboId));
            }
        }

        return documents;
    }

    /// <summary>
    /// A refund that did not go through, booked under its charge rather than its own id (<see cref="RefundInfo.BookedUnderCharge"/>),
    /// under the id it was booked as: the one its failure took back already, told again (<paramref name="takenBack"/>, the
    /// links under the refund's own name), so that a refund of the same amount booked since is left alone; else the one
    /// refund of that charge booked for the same amount, still standing, or, when none stands, the one taken back. Two of
    /// the same amount cannot be told apart: the refund keeps its own id, which finds nothing, and the plan says so.
    /// </summary>
    private static RefundInfo AsBooked(RefundInfo refund, IReadOnlyList<LedgerLink> booked, IReadOnlyList<LedgerLink> takenBack)
    {
        if (refund.BookedUnderCharge is not { } charge)
        {
            return refund;
        }

        bool OfTheCharge(string? id) => id is not null && id.StartsWith(charge + ":", StringComparison.Ordinal);
        var done = takenBack
            .Select(link => DocumentPlanner.UndoneOf(link.Role) is { } undone ? DocumentPlanner.RefundIdOf(undone) : null)
            .FirstOrDefault(OfTheCharge);
        if (done is not null)
        {
            return refund with { RefundId = done };
        }

        var sameAmount = booked
            .Where(link => OfTheCharge(DocumentPlanner.RefundIdOf(link.Role)) && link.Total == refund.Amount)
            .ToList();
        var standing = sameAmount.Where(link => link.State is LedgerStates.Booked or LedgerStates.Drifted).Select(link => DocumentPlanner.RefundIdOf(link.Role)!).Distinct().ToList();
        var any = sameAmount.Select(link => DocumentPlanner.RefundIdOf(link.Role)!).Distinct().ToList();
        return standing.Count == 1 ? refund with { RefundId = standing[0] }
            : standing.Count == 0 && any.Count == 1 ? refund with { RefundId = any[0] }
            : refund;
    }

    /// <summary>
    /// The refunds booked against the sale before (the documents linked under its name as refund receipts or credit memos,
    /// and not since voided or deleted in QBO), each with the amount it gave back; and the money of refunds that came back
    /// since (<see cref="DocumentPlanner.ReinstatedRole"/>: a chargeback reversed), as that amount taken off again, so that a
    /// refund after them is its share of the sale as if the chargeback had never been, whether the money that came back is
    /// named by the chargeback's id (Stripe's, Shopify's dispute) or by its own (Paddle's reversal).
    /// </summary>
    private static IReadOnlyList<RefundInfo> RefundedBefore(LedgerLink sale, IReadOnlyList<LedgerLink> booked) =>
        [.. booked
            .Where(link => link.State is LedgerStates.Booked or LedgerStates.Drifted)
            .Select(link => (Link: link, Id: DocumentPlanner.RefundIdOf(link.Role), CameBack: DocumentPlanner.ReinstatedIdOf(link.Role)))
            .Where(pair => pair.Id is not null || pair.CameBack is not null)
            .DistinctBy(pair => (pair.Id, pair.CameBack))
            .Select(pair => new RefundInfo
            {
                RefundId = (pair.Id ?? pair.CameBack)!,
                Amount = (pair.CameBack is null ? 1m : -1m) * (pair.Link.StatedTotal ?? pair.Link.Total),
                Currency = pair.Link.Currency ?? sale.Currency ?? string.Empty,
                Date = DateOnly.FromDateTime(pair.Link.CreatedAt),
                Reinstated = pair.CameBack is not null,
            })];
}
