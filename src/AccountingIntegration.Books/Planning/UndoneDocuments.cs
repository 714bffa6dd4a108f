namespace AccountingIntegration.Books;

/// <summary>
/// Documents booked for something that did not stand: refunds that did not go through, a credit to the customer's balance
/// voided. Each is taken back the way QBO allows: voided where QBO documents a void (Invoice, Payment,
/// https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/invoice#void-an-invoice and
/// https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/payment#void-a-payment), deleted where
/// it does not (a CreditMemo or RefundReceipt, see <see cref="UndoneRefunds"/>).
/// </summary>
public static class UndoneDocuments
{
    /// <summary>Whether <paramref name="sourceEvent"/> takes back documents booked earlier rather than voiding or crediting its sale.</summary>
    public static bool TakesBack(SourceEvent sourceEvent) =>
        sourceEvent is { Meaning: EventMeaning.Cancellation } && (sourceEvent.Refunds.Count > 0 || sourceEvent.VoidedBalanceCredit is not null);

    /// <summary>
    /// The roles of the documents it takes back, in the order they are taken back: a zero payment applying a credit memo
    /// before that credit memo, which QBO cannot delete while a payment applies it, and before the invoice it is applied to.
    /// </summary>
    public static IReadOnlyList<string> Roles(SourceEvent sourceEvent) =>
    [
        .. sourceEvent.Refunds.SelectMany(refund => new[]
        {
            DocumentPlanner.ApplicationRole(refund.RefundId), DocumentPlanner.CreditRole(refund.RefundId), DocumentPlanner.RefundRole(refund.RefundId),
        }),
        .. sourceEvent.VoidedBalanceCredit is { } credit
            ? new[]
            {
                DocumentPlanner.BalanceCreditNoteApplicationRole(credit), DocumentPlanner.BalanceCreditNoteCreditRole(credit), DocumentPlanner.BalanceCreditNoteRole(credit),
            }
            : [],
    ];

    /// <summary>Taking back <paramref name="document"/>, linked as <see cref="DocumentPlanner.UndoneRole"/> of its role.</summary>
    internal static PlannedDocument Undo(DocumentOnRecord document) => new()
    {
        Role = DocumentPlanner.UndoneRole(document.Role),
        EntityType = document.EntityType,
        Operation = document.EntityType is "Payment" or "Invoice" ? DocumentOperation.Void : DocumentOperation.Delete,
        Body = [],
        Target = document,
    };
}
