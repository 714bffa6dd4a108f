using System.Text.Json.Nodes;

namespace AccountingIntegration.Books;

/// <summary>
/// One QBO document an event makes (or changes). Its body names what the service resolves when it books
/// it, as placeholders (<see cref="Placeholders"/>): the customer, items, accounts and earlier documents.
/// </summary>
public sealed record PlannedDocument
{
    /// <summary>What the document is for the source object: sale, payment, refund:{id}, credit:{id}, application:{id}, void, undone:{role}.</summary>
    public required string Role { get; init; }

    /// <summary>Invoice, SalesReceipt, Payment, RefundReceipt or CreditMemo (for a void: the sale's type).</summary>
    public required string EntityType { get; init; }

    public DocumentOperation Operation { get; init; } = DocumentOperation.Create;

    /// <summary>The body to send; for a void or delete, empty (the executor reads the document's SyncToken).</summary>
    public required JsonObject Body { get; init; }

    /// <summary>
    /// For a void or delete of a document other than the sale's (one booked for a refund that did not go through, or for a
    /// credit to the customer's balance since voided): that document, as the ledger has it. Null for a create, and for the void of the sale's own document.
    /// </summary>
    public DocumentOnRecord? Target { get; init; }

    /// <summary>What QBO's TotalAmt must come to (the vendor's amount).</summary>
    public decimal Total { get; init; }

    /// <summary>The vendor's tax, where QBO carries the document's in <c>TxnTaxDetail.TotalTax</c>: the two are compared once it is created.</summary>
    public decimal? Tax { get; init; }

    /// <summary>An application's amounts are capped at the sale invoice's open balance when it is booked.</summary>
    public bool CapToSaleBalance { get; init; }

    /// <summary>
    /// Created only with the sale's own document, never against a sale booked before (the gift card part of a payment: a
    /// sale booked before it was read so has its whole payment in Undeposited Funds, and a credit now would be paid twice).
    /// </summary>
    public bool OnlyWithANewSale { get; init; }
}

public enum DocumentOperation
{
    Create,
    Void,

    /// <summary>For a document QBO cannot void (a refund receipt, a credit memo): it is deleted instead.</summary>
    Delete,
}

/// <summary>A document booked earlier, from the ledger: the role it was booked as, its QBO type and id.</summary>
public sealed record DocumentOnRecord(string Role, string EntityType, string Id);

/// <summary>What an event books: its documents in order, notes for the sync log, and why it cannot be booked.</summary>
public sealed record BookingPlan(IReadOnlyList<PlannedDocument> Documents, IReadOnlyList<string> Notes, IReadOnlyList<AdapterProblem> Problems)
{
    /// <summary>Why nothing is booked, when the plan is empty on purpose (an ignored event, a cancellation after payment).</summary>
    public string? NothingBecause { get; init; }

    public bool IsValid => Problems.Count == 0;

    public static BookingPlan Nothing(string because) => new([], [], []) { NothingBecause = because };

    public static BookingPlan Refused(string field, string message) => new([], [], [new AdapterProblem(field, message)]);
}

/// <summary>
/// The sale as already booked, from the ledger: what a payment, refund or cancellation works against. Its entity
/// type is Invoice or SalesReceipt; paid when money was received for it (a sales receipt, or an invoice with a payment).
/// </summary>
public sealed record SaleOnRecord(string EntityType, string Id, decimal Total, bool Paid, string? Currency = null)
{
    /// <summary>The sale as its vendor stated it when it was booked (its lines, tax and shipping), when that is still at hand.</summary>
    public Sale? Stated { get; init; }

    /// <summary>
    /// The refunds already booked against the sale (ids and amounts, from the ledger), for a refund told alone (Stripe's
    /// refund.created, PayPal's, Square's): its share of the sale is taken after theirs, so that the shares add up exactly.
    /// Money of a refund that came back since (<see cref="RefundInfo.Reinstated"/>) is among them with its amount below zero.
    /// </summary>
    public IReadOnlyList<RefundInfo> RefundedBefore { get; init; } = [];

    /// <summary>
    /// For a cancellation of an invoice money was received for: what it still owes, from the ledger (its total less the
    /// payments and credits applied to it, the cancellation's own credit left out, so that a redelivery plans the same
    /// credit and finds it booked). Null when not read.
    /// </summary>
    public decimal? Owed { get; init; }

    /// <summary>
    /// For a refund that lists more than its money (<see cref="RefundInfo.ListsMoreThanItsMoney"/>) of an invoice: what the
    /// invoice was never paid, from the ledger (its total less the payments booked against it; credits, a cancellation's
    /// among them, are not payments). Null when not read.
    /// </summary>
    public decimal? Unpaid { get; init; }

    /// <summary>
    /// For a cancellation that takes documents back (<see cref="UndoneDocuments.TakesBack"/>): those booked for the refunds
    /// that did not go through, or for the voided credit, against the sale, from the ledger, in the order they are taken
    /// back (<see cref="UndoneDocuments.Roles"/>).
    /// </summary>
    public IReadOnlyList<DocumentOnRecord> DocumentsToTakeBack { get; init; } = [];
}
