namespace AccountingIntegration.Books;

/// <summary>
/// What an event makes in QBO. Each event type maps to one (in the layers' <c>eventActions</c>, later
/// layer wins); <see cref="Auto"/> follows what the event means (<see cref="EventActions.Default"/>).
/// </summary>
public enum EventAction
{
    /// <summary>Decide from the event's meaning: a sale paid in full becomes an invoice with its payment, and so on.</summary>
    Auto,

    /// <summary>A sale becomes an invoice, open for its unpaid part.</summary>
    Invoice,

    /// <summary>A sale becomes an invoice and the payment received for it.</summary>
    InvoiceAndPayment,

    /// <summary>A sale paid at once becomes a sales receipt.</summary>
    SalesReceipt,

    /// <summary>Money received is applied to the invoice of the sale it pays.</summary>
    Payment,

    /// <summary>Money given back becomes a refund receipt linked to the sale.</summary>
    RefundReceipt,

    /// <summary>Money owed back becomes a credit memo applied to the sale's invoice (or left as credit).</summary>
    CreditMemo,

    /// <summary>The sale's document is voided; a sale paid in part keeps it, and what its invoice still owes is credited.</summary>
    Void,

    /// <summary>Nothing is booked.</summary>
    Ignore,
}

public static class EventActions
{
    /// <summary>The names used in layers and the API (snake case): invoice_and_payment, sales_receipt…</summary>
    public static readonly IReadOnlyDictionary<string, EventAction> ByName = new Dictionary<string, EventAction>(StringComparer.OrdinalIgnoreCase)
    {
        ["auto"] = EventAction.Auto,
        ["invoice"] = EventAction.Invoice,
        ["invoice_and_payment"] = EventAction.InvoiceAndPayment,
        ["sales_receipt"] = EventAction.SalesReceipt,
        ["payment"] = EventAction.Payment,
        ["refund_receipt"] = EventAction.RefundReceipt,
        ["credit_memo"] = EventAction.CreditMemo,
        ["void"] = EventAction.Void,
        ["ignore"] = EventAction.Ignore,
    };

    public static string Name(EventAction action) => ByName.First(p => p.Value == action).Key;

    /// <summary>The actions that fit an event of this meaning (anything else is refused when a layer is saved).</summary>
    public static IReadOnlyList<EventAction> Allowed(EventMeaning meaning) => meaning switch
    {
        EventMeaning.Sale => [EventAction.Auto, EventAction.Invoice, EventAction.InvoiceAndPayment, EventAction.SalesReceipt, EventAction.Ignore],
        EventMeaning.Payment => [EventAction.Auto, EventAction.Payment, EventAction.Ignore],
        EventMeaning.Refund => [EventAction.Auto, EventAction.RefundReceipt, EventAction.CreditMemo, EventAction.Ignore],
        EventMeaning.Cancellation => [EventAction.Auto, EventAction.Void, EventAction.Ignore],
        _ => [EventAction.Auto, EventAction.Ignore],
    };

    /// <summary>
    /// What <see cref="EventAction.Auto"/> means: a sale paid in full or in part is an invoice with its payment
    /// (the open invoice shows what is still owed), an unpaid sale an invoice; a payment is applied to the
    /// sale's invoice; a refund of a paid sale is a refund receipt and of an unpaid one a credit memo; a
    /// cancellation voids (or, for a sale paid in part, credits what it still owes).
    /// </summary>
    public static EventAction Default(SourceEvent sourceEvent, bool saleWasPaid) => sourceEvent.Meaning switch
    {
        // A sale settled by credit alone (a Stripe invoice the customer's balance paid) is paid all the same, with no money.
        EventMeaning.Sale => sourceEvent.Paid > 0 || sourceEvent.Sale is { CreditNotes: > 0 } or { CustomerBalance: > 0 }
            ? EventAction.InvoiceAndPayment
            : EventAction.Invoice,
        EventMeaning.Payment => EventAction.Payment,
        EventMeaning.Refund => saleWasPaid ? EventAction.RefundReceipt : EventAction.CreditMemo,
        EventMeaning.Cancellation => EventAction.Void,
        _ => EventAction.Ignore,
    };
}
