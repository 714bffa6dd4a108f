using System.Text.Json.Nodes;

namespace AccountingIntegration.Books;

/// <summary>A sale: an invoice (with the payment received for it) or a sales receipt.</summary>
internal static class SalePlans
{
    public static BookingPlan Plan(SourceEvent sourceEvent, EventAction action, CompanyRegime regime, BookingSettings settings)
    {
        if (sourceEvent.Sale is not { } sale)
        {
            return BookingPlan.Refused("Sale", $"{sourceEvent.EventType} carries no sale to book.");
        }

        if (sale.CreditsCustomerBalance)
        {
            return SaleCredits.CreditedToBalance(sourceEvent, sale, regime, settings);
        }

        var built = SaleDocument.Build(sale, regime, settings);
        if (built.Problems.Count > 0)
        {
            return new BookingPlan([], [], built.Problems);
        }

        var notes = built.Notes.ToList();

        // What settled the sale without money collected for it: credit notes issued before payment (less was sold) and the
        // customer's credit balance spent on it (money held from before). Neither is a payment (SaleCredits).
        var settles = action is EventAction.SalesReceipt or EventAction.InvoiceAndPayment;
        var creditNotes = settles ? Math.Min(sale.CreditNotes, sale.Total) : 0m;
        var customerBalance = settles ? Math.Min(sale.CustomerBalance, sale.Total - creditNotes) : 0m;
        var credited = creditNotes + customerBalance;

        // A payment is applied to the invoice, and QBO refuses to apply more than it owes: what was paid beyond it is booked
        // only where the vendor says it was kept as the customer's credit (Overpaid), else it is left out with a note.
        var paid = Math.Min(sourceEvent.Paid, sale.Total - credited);
        var overpaid = settles ? Math.Min(sale.Overpaid, sourceEvent.Paid - paid) : 0m;
        if (sourceEvent.Paid - paid - overpaid > 0m && settles)
        {
            notes.Add($"PAID_BEYOND_TOTAL: {Money.Show(sourceEvent.Paid - paid - overpaid)} was paid beyond what the sale owed and is not booked; "
                + "record it by hand if it was received.");
        }

        built.Body["PrivateNote"] = sale.Reference is { Length: > 0 } reference ? $"{Note(sourceEvent)}, reference {reference}" : Note(sourceEvent);
        if (action == EventAction.SalesReceipt && credited > 0)
        {
            notes.Add($"Booked as an invoice, not a sales receipt: {Money.Show(credited)} of it was settled by credit notes or the customer's balance, which a sales receipt cannot take.");
            action = EventAction.InvoiceAndPayment;
        }

        if (action == EventAction.SalesReceipt && paid < sale.Total)
        {
            notes.Add($"Booked as an invoice, not a sales receipt: {Money.Show(sale.Total - paid)} of it is not paid yet.");
            action = EventAction.InvoiceAndPayment;
        }

        // A gift card is a tender that never reaches the bank: what was paid with it comes off the gift card liability.
        var giftCards = action is EventAction.SalesReceipt or EventAction.InvoiceAndPayment ? Math.Min(sale.GiftCards, paid) : 0m;
        if (action == EventAction.SalesReceipt && giftCards > 0)
        {
            notes.Add($"Booked as an invoice, not a sales receipt: {Money.Show(giftCards)} of it was paid with gift cards, which a sales receipt cannot take.");
            action = EventAction.InvoiceAndPayment;
        }

        if (action == EventAction.SalesReceipt)
        {
            built.Body["DepositToAccountRef"] = DocumentPlanner.Ref(Placeholders.UndepositedFunds);
            return new BookingPlan([Document("SalesReceipt", built.Body, sale.Total) with { Tax = built.Tax }], notes, []);
        }

        var documents = new List<PlannedDocument> { Document("Invoice", built.Body, sale.Total) with { Tax = built.Tax } };
        var parts = new List<BookingPlan>();
        if (creditNotes > 0)
        {
            parts.Add(SaleCredits.CreditNotes(sourceEvent, sale, creditNotes, regime, settings));
        }

        if (customerBalance > 0)
        {
            parts.Add(SaleCredits.CustomerBalanceSpent(sourceEvent, sale, customerBalance, regime, settings));
        }

        if (action == EventAction.InvoiceAndPayment && paid - giftCards > 0)
        {
            var payment = sourceEvent.Payment is { } stated
                ? stated with { Amount = paid - giftCards }
                : new PaymentInfo { Amount = paid - giftCards, Currency = sale.Currency, Date = sale.Date };
            parts.Add(new BookingPlan([InCurrencyOf(built.Body, Payments.Applied(DocumentPlanner.SalePaymentRole(payment), payment, Placeholders.Customer))], [], []));
        }

        if (giftCards > 0)
        {
            parts.Add(GiftCardTenders.Redeemed(sourceEvent, sale, giftCards, regime, settings));
        }

        if (overpaid > 0)
        {
            parts.Add(SaleCredits.Overpaid(sourceEvent, sale, overpaid, sourceEvent.Payment, regime, settings));
        }

        foreach (var part in parts)
        {
            if (!part.IsValid)
            {
                return part;
            }

            documents.AddRange(part.Documents);
            notes.AddRange(part.Notes);
        }

        return new BookingPlan(documents, notes, []);
    }

    /// <summary>A payment in the currency of the document it pays, at that document's exchange rate when it has one.</summary>
    public static PlannedDocument InCurrencyOf(JsonObject paid, PlannedDocument payment)
    {
        foreach (var field in new[] { "CurrencyRef", "ExchangeRate" })
        {
            if (paid[field] is { } value)
            {
                payment.Body[field] = value.DeepClone();
            }
        }

        return payment;
    }

    /// <summary>
    /// Where the document came from, in its private note: the vendor's object (or <paramref name="about"/>, the sale a refund
    /// gives money back on), so a bookkeeper can find it there.
    /// </summary>
    public static string Note(SourceEvent sourceEvent, SourceObject? about = null)
    {
        var subject = about ?? sourceEvent.Subject;
        return $"{Vendor(sourceEvent.Vendor)} {subject.Kind.Replace('_', ' ')} {subject.Id} ({sourceEvent.EventType})";
    }

    private static PlannedDocument Document(string entityType, JsonObject body, decimal total) =>
        new() { Role = DocumentPlanner.SaleRole, EntityType = entityType, Body = body, Total = total };

    private static string Vendor(string vendor) => vendor switch
    {
        "woocommerce" => "WooCommerce",
        "paypal" => "PayPal",
        _ => vendor.Length > 0 ? char.ToUpperInvariant(vendor[0]) + vendor[1..] : vendor,
    };
}
