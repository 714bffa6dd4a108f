namespace AccountingIntegration.Books;

/// <summary>
/// A cancelled sale is never collected. Before money was taken its document is voided. Once some was received the document
/// stays, for the money is a fact (what of it goes back is booked from the refund), and what the invoice still owes comes
/// off A/R: a credit memo of that share of the sale's lines, discounts, shipping and tax, each at its own tax code, applied
/// to the invoice (a Shopify order cancelled after its deposit). A sale paid in full owes nothing: nothing is booked.
/// </summary>
internal static class CancellationPlans
{
    /// <summary>The refund ids the unpaid rest and the part paid are shared as: not numbers, so they are ordered as listed.</summary>
    private const string RestId = "unpaid-rest";
    private const string PaidId = "paid";

    public static BookingPlan Plan(SourceEvent sourceEvent, CompanyRegime regime, BookingSettings settings, SaleOnRecord? sale)
    {
        if (UndoneDocuments.TakesBack(sourceEvent))
        {
            // Not the sale but refunds of it (they failed) or a credit given on it (voided) were cancelled: the sale stands,
            // their documents go.
            return UndoneDocuments.Plan(sourceEvent, sale);
        }

        if (sale is not { Paid: true })
        {
            return new BookingPlan(
                [new PlannedDocument { Role = "void", EntityType = sale?.EntityType ?? "Invoice", Operation = DocumentOperation.Void, Body = [] }], [], []);
        }

        if (sale is not { EntityType: "Invoice", Owed: > 0m })
        {
            return BookingPlan.Nothing(
                $"The sale was cancelled after it was paid ({sourceEvent.EventType}); its document stays, and the refund books the money that went back.");
        }

        return UnpaidRest(sourceEvent, sale, sale.Owed.Value, regime, settings);
    }

    /// <summary>
    /// What the invoice still owes, as the share of the sale that was not paid: the sale less the share of what was, the share
    /// a refund of all the money received takes (<see cref="RefundShares"/>), so that the two together give back exactly the
    /// sale's lines and tax. Without the sale as booked (its payload gone), one untaxed line, and the sync log says so.
    /// </summary>
    private static BookingPlan UnpaidRest(SourceEvent sourceEvent, SaleOnRecord sale, decimal owed, CompanyRegime regime, BookingSettings settings)
    {
        var stated = sale.Stated;
        if ((sourceEvent.CancelledOn ?? stated?.Date) is not { } date)
        {
            return BookingPlan.Refused("CancelledOn", $"{sourceEvent.EventType} states no day the sale was cancelled, to date the credit of the {Money.Show(owed)} it still owed.");
        }

        var currency = sale.Currency ?? stated?.Currency ?? regime.HomeCurrency;
        var share = stated is null || owed > stated.Total ? null : ShareOf(stated, owed, date, regime, settings);
        var notes = new List<string>();
        if (share is null)
        {
            notes.Add($"CANCELLATION_UNTAXED: the sale's lines as booked are not at hand, or do not come to its total, so the {Money.Show(owed)} it still owed was credited on one untaxed line.");
        }

        var built = SaleDocument.Build(
            (share ?? OneLineSale.Of(OneLineSale.Line("Cancelled: unpaid rest", owed) with { ItemKey = settings.DefaultItem }, currency, date, null))
                with { ConvertedAt = stated?.ConvertedAt },
            regime, settings);
        if (built.Problems.Count > 0)
        {
            return new BookingPlan([], [], built.Problems);
        }

        notes.AddRange(built.Notes);
        notes.Add($"CANCELLED_UNPAID: the sale was cancelled with {Money.Show(owed)} still owed; a credit memo of it was applied to invoice {sale.Id}, and the money received stays booked.");
        return AppliedCredit.Plan(built.Body, $"What {SalePlans.Note(sourceEvent, sourceEvent.Original)} still owed when it was cancelled", DocumentPlanner.CancellationCreditRole,
            DocumentPlanner.CancellationCreditApplicationRole, owed, date, built.Tax, notes, onlyWithANewSale: false);
    }

    /// <summary>The unpaid rest as the last of two shares of the sale: the part paid first, then <paramref name="owed"/>.</summary>
    private static Sale? ShareOf(Sale stated, decimal owed, DateOnly date, CompanyRegime regime, BookingSettings settings)
    {
        var rest = new RefundInfo { RefundId = RestId, Amount = owed, Currency = stated.Currency, Date = date };
        var paid = new RefundInfo { RefundId = PaidId, Amount = stated.Total - owed, Currency = stated.Currency, Date = date };
        // Listed newest first, as refunds are: the paid part was made before the rest.
        return RefundShares.Of(stated, [rest, paid], rest, regime, settings);
    }
}
