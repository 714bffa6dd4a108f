using System.Text.Json.Nodes;

namespace AccountingIntegration.Books;

/// <summary>
/// Part of a sale settled by credit rather than money (gift cards redeemed, credit notes, the customer's balance, what a
/// cancelled sale still owed): a credit memo for the sale's customer, applied to the sale's invoice by a payment of nothing.
/// Those that settle the sale as it was sold are booked with the sale's own first booking only: a sale found booked keeps
/// what it was booked with. A cancellation's credit is booked against the sale on record.
/// </summary>
internal static class AppliedCredit
{
    /// <param name="body">The credit memo's body, its lines and tax already shaped.</param>
    /// <param name="privateNote">What the credit is, for the memo's private note.</param>
    /// <param name="creditRole">The credit memo's role.</param>
    /// <param name="applicationRole">The role of the payment that applies it.</param>
    /// <param name="amount">The credit memo's total.</param>
    /// <param name="date">When it was applied.</param>
    /// <param name="tax">The tax it gives back, when it carries any.</param>
    /// <param name="notes">Notes for the sync log.</param>
    /// <param name="onlyWithANewSale">Booked only with the sale's own document (<see cref="PlannedDocument.OnlyWithANewSale"/>).</param>
    /// <param name="invoiceRole">The invoice it is applied to: the sale's, unless another was booked beside it for the credit.</param>
    public static BookingPlan Plan(JsonObject body, string privateNote, string creditRole, string applicationRole, decimal amount, DateOnly date,
        decimal? tax = null, IReadOnlyList<string>? notes = null, bool onlyWithANewSale = true, string invoiceRole = DocumentPlanner.SaleRole)
    {
        body["CustomerRef"] = DocumentPlanner.Ref(Placeholders.CustomerOf(DocumentPlanner.SaleRole));
        body["PrivateNote"] = privateNote;
        var application = Payments.CreditApplied(applicationRole, creditRole, amount, date, invoiceRole);
        return new BookingPlan(
        [
            new PlannedDocument { Role = creditRole, EntityType = "CreditMemo", Body = body, Total = amount, Tax = tax, OnlyWithANewSale = onlyWithANewSale },
            SalePlans.InCurrencyOf(body, application) with { OnlyWithANewSale = onlyWithANewSale },
        ], notes ?? [], []);
    }

    /// <summary>
    /// Credit put on the customer's balance with the vendor (a Stripe invoice below zero, a credit note credited to the
    /// balance): an invoice of the customer balance item for it (<paramref name="owed"/>, booked as
    /// <paramref name="invoiceRole"/>), owed to the customer, paid by the credit memo of what was credited
    /// (<paramref name="credited"/>), which takes it back out of income and tax at each line's code. A/R is left as it was
    /// and the liability goes up, until a later sale spends the balance. <paramref name="notes"/> go to the sync log before
    /// the two documents' own.
    /// </summary>
    public static BookingPlan OnTheBalance(SaleDocumentResult owed, SaleDocumentResult credited, string invoiceRole, string creditRole, string applicationRole,
        decimal amount, DateOnly date, (string Owed, string Credited) privateNotes, bool onlyWithANewSale, IReadOnlyList<string> notes)
    {
        if (owed.Problems.Count > 0 || credited.Problems.Count > 0)
        {
            return new BookingPlan([], [], [.. owed.Problems, .. credited.Problems]);
        }

        owed.Body["PrivateNote"] = privateNotes.Owed;
        var applied = Plan(credited.Body, privateNotes.Credited, creditRole, applicationRole, amount, date, credited.Tax,
            onlyWithANewSale: onlyWithANewSale, invoiceRole: invoiceRole);
        return new BookingPlan(
            [new PlannedDocument { Role = invoiceRole, EntityType = "Invoice", Body = owed.Body, Total = amount }, .. applied.Documents],
            [.. notes, .. owed.Notes, .. credited.Notes],
            []);
    }
}
