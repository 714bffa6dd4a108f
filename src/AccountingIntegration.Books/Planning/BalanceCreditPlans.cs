namespace AccountingIntegration.Books;

/// <summary>
/// Credit given on a sale onto the customer's balance after it was paid (<see cref="BalanceCredit"/>), booked as a sale that
/// credits the customer's balance is (<see cref="SaleCredits.CreditedToBalance"/>): an invoice of the customer balance item
/// for the credit, owed to the customer, paid by a credit memo of what was credited, which takes it back out of the sale's
/// income and tax at each line's code. A/R is left as it was, the liability goes up by the credit, and a later sale that
/// spends the balance takes it off again (<see cref="SaleCredits.CustomerBalanceSpent"/>). All three documents belong to
/// the sale, under roles named by the credit's id, so a redelivery finds them booked.
/// </summary>
internal static class BalanceCreditPlans
{
    public static BookingPlan Plan(SourceEvent sourceEvent, BalanceCredit credit, CompanyRegime regime, BookingSettings settings, SaleOnRecord? sale)
    {
        if (sale?.Currency is { Length: > 0 } booked && !booked.Equals(credit.Currency, StringComparison.OrdinalIgnoreCase))
        {
            return BookingPlan.Refused("BalanceCredit.Currency", $"Credit {credit.CreditId} is in {credit.Currency}, but its sale was booked in {booked}.");
        }

        var notes = new List<string>(credit.Notes);
        var credited = Credited(credit, sale?.Stated, notes, regime, settings);
        var owed = SaleDocument.Build(
            OneLineSale.Of(OneLineSale.Line($"Credit note {credit.Number ?? credit.CreditId} to the customer's balance", credit.Amount) with { IsCustomerBalance = true },
                credit.Currency, credit.Date, null),
            regime, settings);
        var memo = SaleDocument.Build(credited with { ConvertedAt = null }, regime, settings);
        owed.Body["CustomerRef"] = DocumentPlanner.Ref(Placeholders.CustomerOf(DocumentPlanner.SaleRole));
        var what = $"Credit note {credit.Number ?? credit.CreditId} on {SalePlans.Note(sourceEvent, sourceEvent.Original)}";
        return AppliedCredit.OnTheBalance(owed, memo, DocumentPlanner.BalanceCreditNoteRole(credit.CreditId), DocumentPlanner.BalanceCreditNoteCreditRole(credit.CreditId),
            DocumentPlanner.BalanceCreditNoteApplicationRole(credit.CreditId), credit.Amount, credit.Date,
            ($"{what}, a credit to the customer's balance", $"{what}, credited to the customer's balance"), onlyWithANewSale: false, notes);
    }

    /// <summary>
    /// What was credited, as a sale of <see cref="BalanceCredit.Amount"/>: the credit note's own lines and tax (its share of
    /// them, when part of it went elsewhere), each line on the item of the sold line it credits; else, when its lines do
    /// not come to its total, that share of the sale as its vendor stated it; else one untaxed line, and the sync log says so.
    /// </summary>
    private static Sale Credited(BalanceCredit credit, Sale? stated, List<string> notes, CompanyRegime regime, BookingSettings settings)
    {
        var share = new RefundInfo { RefundId = credit.CreditId, Amount = credit.Amount, Currency = credit.Currency, Date = credit.Date };
        // The credit note names no buyer: its lines are taxed where the invoice's were supplied.
        if (credit.Credited is { } own && RefundShares.Of(own with { PlaceOfSupply = own.PlaceOfSupply ?? stated?.PlaceOfSupply }, [share], share, regime, settings) is { } ofItsLines)
        {
            return ofItsLines with { Lines = [.. ofItsLines.Lines.Select(line => OnItsItem(line, stated))] };
        }

        if (stated is not null && stated.Currency.Equals(credit.Currency, StringComparison.OrdinalIgnoreCase) && RefundShares.Of(stated, [share], share, regime, settings) is { } ofTheSale)
        {
            notes.Add($"Credit note {credit.CreditId} lists no lines that come to its total: its {Money.Show(credit.Amount)} was booked as that share of the invoice's lines and tax.");
            return ofTheSale;
        }

        notes.Add($"CREDIT_NOTE_UNTAXED: neither credit note {credit.CreditId}'s lines nor its invoice's come to their totals, so its {Money.Show(credit.Amount)} credit was booked on one untaxed line.");
        return OneLineSale.Of(OneLineSale.Line("Credit note", credit.Amount) with { ItemKey = settings.DefaultItem }, credit.Currency, credit.Date, null);
    }

    /// <summary>
    /// A credit note's line names the invoice line it credits, not its product: it takes that line's item, so the credit
    /// comes out of the same income account the sale went into.
    /// </summary>
    private static SaleLine OnItsItem(SaleLine line, Sale? stated) =>
        line.ItemKey is null && ReturnedLines.SoldLine(line, stated) is { ItemKey: { } item }
            ? line with { ItemKey = item }
            : line;
}
