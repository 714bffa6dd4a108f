namespace AccountingIntegration.Books;

/// <summary>
/// The parts of a sale settled without money collected for it, and money collected beyond it, so that an invoice the
/// vendor marks paid is paid in the books too and only money that came in goes into Undeposited Funds:
/// <list type="bullet">
/// <item>Credit notes issued before payment (Stripe's <c>pre_payment_credit_notes_amount</c>) mean less was sold: a credit
/// memo of the sale, taken back out of its income and tax as the invoice's share, applied to the invoice.</item>
/// <item>The customer's credit balance spent on it (Stripe's customer balance) is money the vendor held for the customer
/// from before, owed to the customer until spent: a credit memo on the customer balance item, whose account is a
/// liability, applied to the invoice, so the liability goes down and the sale's income stays whole (the pattern of a gift
/// card redeemed, <see cref="GiftCardTenders"/>).</item>
/// <item>An overpayment the vendor keeps as the customer's credit (Stripe's <c>amount_overpaid</c>) was collected, so it
/// goes into Undeposited Funds, and is owed back: a sales receipt of the customer balance item, beside the payment of
/// what the invoice owed. When it is spent on a later invoice, that invoice's customer balance credit memo takes it off the
/// same liability.</item>
/// </list>
/// Each is booked with the sale's own first booking only, as gift cards are: a sale found booked keeps what it was booked with.
/// </summary>
internal static class SaleCredits
{
    /// <summary>The credit notes issued before the sale was paid: its share of the sale's lines, discounts, shipping and tax.</summary>
    public static BookingPlan CreditNotes(SourceEvent sourceEvent, Sale sale, decimal amount, CompanyRegime regime, BookingSettings settings)
    {
        // An invoice's webhook states only the credit notes' total, not their lines or tax (those are on the credit note
        // objects, https://docs.stripe.com/api/credit_notes/object): it is booked as that share of the invoice, so the tax
        // goes back with it at each line's rate, as a refund stating only its amount is (RefundShares).
        var credit = new RefundInfo { RefundId = sourceEvent.Subject.Id, Amount = amount, Currency = sale.Currency, Date = sale.Date };
        var notes = new List<string>();
        var share = RefundShares.Of(sale, [credit], credit, regime, settings);
        if (share is null)
        {
            notes.Add($"CREDIT_NOTE_UNTAXED: the invoice's lines do not come to its total, so its {Money.Show(amount)} of credit notes was booked on one untaxed line.");
        }

        var built = SaleDocument.Build((share ?? OneLine("Credit notes", amount, sale, isCustomerBalance: false, settings)) with { ConvertedAt = sale.ConvertedAt },
            regime, settings);
        if (built.Problems.Count > 0)
        {
            return new BookingPlan([], [], built.Problems);
        }

        notes.AddRange(built.Notes);
        return AppliedCredit.Plan(built.Body, $"Credit notes issued before payment on {SalePlans.Note(sourceEvent)}", DocumentPlanner.CreditNoteRole,
            DocumentPlanner.CreditNoteApplicationRole, amount, sale.Date, built.Tax, notes);
    }

    /// <summary>The customer's credit balance spent on the sale: a credit memo on the customer balance item, applied to the invoice.</summary>
    public static BookingPlan CustomerBalanceSpent(SourceEvent sourceEvent, Sale sale, decimal amount, CompanyRegime regime, BookingSettings settings)
    {
        var built = SaleDocument.Build(OneLine("Customer balance applied", amount, sale, isCustomerBalance: true, settings), regime, settings);
        if (built.Problems.Count > 0)
        {
            return new BookingPlan([], [], built.Problems);
        }

        return AppliedCredit.Plan(built.Body, $"Customer balance applied to {SalePlans.Note(sourceEvent)}", DocumentPlanner.CustomerBalanceRole,
            DocumentPlanner.CustomerBalanceApplicationRole, amount, sale.Date);
    }

    /// <summary>Money collected beyond the sale, kept as the customer's credit: a sales receipt of it into Undeposited Funds.</summary>
    public static BookingPlan Overpaid(SourceEvent sourceEvent, Sale sale, decimal amount, PaymentInfo? payment, CompanyRegime regime, BookingSettings settings)
    {
        var date = payment?.Date ?? sale.Date;
        var built = SaleDocument.Build(OneLine("Overpayment kept as customer balance", amount, sale, isCustomerBalance: true, settings) with { Date = date },
            regime, settings);
        if (built.Problems.Count > 0)
        {
            return new BookingPlan([], [], built.Problems);
        }

        built.Body["CustomerRef"] = DocumentPlanner.Ref(Placeholders.CustomerOf(DocumentPlanner.SaleRole));
        built.Body["PrivateNote"] = $"Overpayment of {SalePlans.Note(sourceEvent)}, kept as the customer's balance";
        built.Body["DepositToAccountRef"] = DocumentPlanner.Ref(Placeholders.UndepositedFunds);
        if (payment?.Reference is { Length: > 0 and <= 21 } reference)
        {
            built.Body["PaymentRefNum"] = reference;
        }

        return new BookingPlan(
            [new PlannedDocument { Role = DocumentPlanner.OverpaidRole, EntityType = "SalesReceipt", Body = built.Body, Total = amount, OnlyWithANewSale = true }],
            [$"OVERPAID: {Money.Show(amount)} was received beyond the invoice and kept as the customer's balance: booked as a sales receipt of it, owed to the customer."],
            []);
    }

    /// <summary>
    /// A sale that is a credit to the customer's balance (<see cref="Sale.CreditsCustomerBalance"/>): an invoice of the customer
    /// balance item for its total, owed to the customer, paid by a credit memo of what was credited, which takes it back out
    /// of income and tax at each line's code. A/R is left as it was, and the credit waits on the liability until a later
    /// invoice spends it (<see cref="CustomerBalanceSpent"/>).
    /// </summary>
    public static BookingPlan CreditedToBalance(SourceEvent sourceEvent, Sale credit, CompanyRegime regime, BookingSettings settings)
    {
        var owed = SaleDocument.Build(
            OneLine("Credit to the customer's balance", credit.Total, credit, isCustomerBalance: true, settings) with { Number = credit.Number, Customer = credit.Customer },
            regime, settings);
        var credited = SaleDocument.Build(credit with { Number = null, Memo = null }, regime, settings);
        return AppliedCredit.OnTheBalance(owed, credited, DocumentPlanner.SaleRole, DocumentPlanner.BalanceCreditRole, DocumentPlanner.BalanceCreditApplicationRole,
            credit.Total, credit.Date, ($"{SalePlans.Note(sourceEvent)}, a credit to the customer's balance", $"Credit of {SalePlans.Note(sourceEvent)} to the customer's balance"),
            onlyWithANewSale: true, []);
    }

    /// <summary>A sale of one untaxed line, on the customer balance item or the default one; its customer is the sale's, set by the caller.</summary>
    private static Sale OneLine(string description, decimal amount, Sale sale, bool isCustomerBalance, BookingSettings settings) =>
        OneLineSale.Of(
            OneLineSale.Line(description, amount) with { ItemKey = isCustomerBalance ? null : settings.DefaultItem, IsCustomerBalance = isCustomerBalance },
            sale.Currency, sale.Date, sale.ConvertedAt);
}
