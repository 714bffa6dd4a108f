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

        var built = SaleDocument.Build(sale, regime, settings);
        if (built.Problems.Count > 0)
        {
            return new BookingPlan([], [], built.Problems);
        }

        var notes = built.Notes.ToList();
        var paid = Math.Min(sourceEvent.Paid, sale.Total);
        built.Body["PrivateNote"] = sale.Reference is { Length: > 0 } reference ? $"{Note(sourceEvent)}, reference {reference}" : Note(sourceEvent);
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
        if (action == EventAction.InvoiceAndPayment && paid - giftCards > 0)
        {
            var payment = sourceEvent.Payment is { } stated
                ? stated with { Amount = paid - giftCards }
                : new PaymentInfo { Amount = paid - giftCards, Currency = sale.Currency, Date = sale.Date };
            documents.Add(InCurrencyOf(built.Body, Payments.Applied(DocumentPlanner.PaymentRole, payment, Placeholders.Customer)));
        }

        if (giftCards > 0)
        {
            var redeemed = GiftCardTenders.Redeemed(sourceEvent, sale, giftCards, regime, settings);
            if (!redeemed.IsValid)
            {
                return redeemed;
            }

            documents.AddRange(redeemed.Documents);
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
