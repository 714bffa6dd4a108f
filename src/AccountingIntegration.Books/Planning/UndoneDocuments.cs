namespace AccountingIntegration.Books;

/// <summary>
/// Documents booked for something that did not stand, taken back so that the books show the sale as it stood before it:
/// <list type="bullet">
/// <item>Refunds that did not go through after they were booked (a Stripe refund that failed or was canceled: the money
/// went back to the merchant's balance, not to the customer): a credit memo's zero application payment voided, then the
/// credit memo deleted; a refund receipt deleted.</item>
/// <item>A credit to the customer's balance voided after it was booked (<see cref="BalanceCreditPlans"/>; a Stripe credit
/// note voided, which reverses its credit): the zero payment applying its credit memo voided, the credit memo deleted,
/// giving back the income and tax it took out, and the invoice of the customer balance item voided, taking the credit off
/// the liability. The invoice is voided, not deleted: QBO documents a void for it, which zeroes its amounts and keeps it,
/// numbered, in the audit trail, as Stripe keeps the voided credit note.</item>
/// </list>
/// Each is taken back the way QBO allows. QBO documents a void for Invoice, SalesReceipt and Payment only
/// (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/invoice#void-an-invoice,
/// https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/payment#void-a-payment); a CreditMemo
/// "Operation Void ... is not supported" (Intuit's SDK team, https://github.com/intuit/QuickBooks-V3-PHP-SDK/issues/133),
/// and Intuit's RefundReceipt reference documents a delete and no void. Delete is what both document
/// (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/refundreceipt#delete-a-refund-receipt):
/// what they posted (income, tax, the money out of Undeposited Funds) is gone with them, where a void would keep the
/// document at zero.
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

    /// <summary>
    /// Takes back the documents booked for what <paramref name="sourceEvent"/> undoes (<see cref="SaleOnRecord.DocumentsToTakeBack"/>),
    /// or books nothing, saying why, when none were booked.
    /// </summary>
    public static BookingPlan Plan(SourceEvent sourceEvent, SaleOnRecord? sale) =>
        sale?.DocumentsToTakeBack is { Count: > 0 } booked
            ? new BookingPlan([.. booked.Select(Undo)], [], [])
            : BookingPlan.Nothing(NothingBooked(sourceEvent));

    private static string NothingBooked(SourceEvent sourceEvent)
    {
        if (sourceEvent.VoidedBalanceCredit is { } credit)
        {
            return $"Credit {credit} was voided, and nothing was booked for its credit to the customer's balance: there is nothing to take back.";
        }

        var refunds = string.Join(", ", sourceEvent.Refunds.Select(refund => refund.RefundId));
        if (sourceEvent.Refunds.FirstOrDefault(refund => refund.BookedUnderCharge is not null) is { BookedUnderCharge: { } charge } underCharge)
        {
            // Found by its charge and amount (RefundInfo.BookedUnderCharge): none such, or more than one.
            return $"Refund {refunds} did not go through. On this API version charge.refunded booked refunds under their charge, and no one "
                + $"refund of {Money.Show(underCharge.Amount)} on charge {charge} stands booked to take back: if a refund receipt or credit memo was booked for it, delete it in QBO.";
        }

        return $"Refund {refunds} did not go through, and nothing was booked for it: no money went back, so there is nothing to take back.";
    }

    /// <summary>Taking back <paramref name="document"/>, linked as <see cref="DocumentPlanner.UndoneRole"/> of its role.</summary>
    private static PlannedDocument Undo(DocumentOnRecord document) => new()
    {
        Role = DocumentPlanner.UndoneRole(document.Role),
        EntityType = document.EntityType,
        Operation = document.EntityType is "Payment" or "Invoice" ? DocumentOperation.Void : DocumentOperation.Delete,
        Body = [],
        Target = document,
    };
}
