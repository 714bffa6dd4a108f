namespace AccountingIntegration.Books;

/// <summary>
/// Gift cards as a tender. A gift card sold is owed (its item posts to the gift card liability), so what a sale takes in gift
/// cards comes off that liability rather than into Undeposited Funds, where it would wait for a deposit that never comes;
/// and what a refund puts back onto a gift card is owed again. Every document here is one line on the gift card item,
/// out of the tax, with its amount positive, so QBO's totals and tax on the sale's own documents are left as they are.
/// </summary>
internal static class GiftCardTenders
{
    /// <summary>
    /// The part of a sale paid with gift cards: a credit memo on the gift card item applied to the invoice, booked with the
    /// sale's own first booking only. The liability goes down by what was spent, and the invoice is paid.
    /// </summary>
    public static BookingPlan Redeemed(SourceEvent sourceEvent, Sale sale, decimal amount, CompanyRegime regime, BookingSettings settings)
    {
        var credit = OneLine("Gift card redeemed", amount, sale.Currency, sale.Date, sale.ConvertedAt, regime, settings);
        if (credit.Problems.Count > 0)
        {
            return new BookingPlan([], [], credit.Problems);
        }

        return AppliedCredit.Plan(credit.Body, $"Gift cards redeemed on {SalePlans.Note(sourceEvent)}", DocumentPlanner.GiftCardRole,
            DocumentPlanner.GiftCardApplicationRole, amount, sale.Date);
    }

    /// <summary>
    /// What a refund put back onto a gift card (a card issued or topped up): a sales receipt of the card, into Undeposited
    /// Funds beside the refund receipt that paid the whole refund out of it, so only the money that went back leaves it.
    /// </summary>
    public static BookingPlan Issued(SourceEvent sourceEvent, RefundInfo refund, string currency, CompanyRegime regime, BookingSettings settings)
    {
        var issued = OneLine("Gift card issued for a refund", refund.ToGiftCards, currency, refund.Date, null, regime, settings);
        if (issued.Problems.Count > 0)
        {
            return new BookingPlan([], [], issued.Problems);
        }

        issued.Body["CustomerRef"] = DocumentPlanner.Ref(Placeholders.CustomerOf(DocumentPlanner.SaleRole));
        issued.Body["PrivateNote"] = $"Refund {refund.RefundId} of {SalePlans.Note(sourceEvent, sourceEvent.Original)} put back onto a gift card";
        issued.Body["DepositToAccountRef"] = DocumentPlanner.Ref(Placeholders.UndepositedFunds);
        return new BookingPlan(
            [new PlannedDocument { Role = DocumentPlanner.GiftCardIssuedRole(refund.RefundId), EntityType = "SalesReceipt", Body = issued.Body, Total = refund.ToGiftCards }],
            [], []);
    }

    /// <summary>A document of one line on the gift card item; its customer is the sale's, set by the caller.</summary>
    private static SaleDocumentResult OneLine(string description, decimal amount, string currency, DateOnly date, Conversion? convertedAt,
        CompanyRegime regime, BookingSettings settings) =>
        SaleDocument.Build(OneLineSale.Of(OneLineSale.Line(description, amount) with { IsGiftCard = true }, currency, date, convertedAt), regime, settings);
}
