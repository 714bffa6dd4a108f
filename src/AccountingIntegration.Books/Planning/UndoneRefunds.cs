namespace AccountingIntegration.Books;

/// <summary>
/// Refunds that did not go through after they were booked (a Stripe refund that failed or was canceled: the money
/// went back to the merchant's balance, not to the customer). Each document booked for them is taken back, so the
/// books show the sale as it stood before the refund: a refund receipt is deleted, a credit memo's zero application
/// payment voided and then the credit memo deleted. QBO documents a void for Invoice, SalesReceipt and Payment only
/// (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/payment#void-a-payment); a
/// CreditMemo "Operation Void ... is not supported" (Intuit's SDK team, https://github.com/intuit/QuickBooks-V3-PHP-SDK/issues/133),
/// and Intuit's RefundReceipt reference documents a delete and no void. Delete is what both document
/// (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/refundreceipt#delete-a-refund-receipt):
/// what they posted (income, tax, the money out of Undeposited Funds) is gone with them, where a void would keep the
/// document at zero.
/// </summary>
internal static class UndoneRefunds
{
    public static BookingPlan Plan(SourceEvent sourceEvent, SaleOnRecord? sale)
    {
        var booked = sale?.DocumentsToTakeBack ?? [];
        if (booked.Count == 0)
        {
            var refunds = string.Join(", ", sourceEvent.Refunds.Select(refund => refund.RefundId));
            if (sourceEvent.Refunds.FirstOrDefault(refund => refund.BookedUnderCharge is not null) is { BookedUnderCharge: { } charge } underCharge)
            {
                // Found by its charge and amount (RefundInfo.BookedUnderCharge): none such, or more than one.
                return BookingPlan.Nothing($"Refund {refunds} did not go through. On this API version charge.refunded booked refunds under their charge, and no one "
                    + $"refund of {Money.Show(underCharge.Amount)} on charge {charge} stands booked to take back: if a refund receipt or credit memo was booked for it, delete it in QBO.");
            }

            return BookingPlan.Nothing($"Refund {refunds} did not go through, and nothing was booked for it: no money went back, so there is nothing to take back.");
        }

        return new BookingPlan([.. booked.Select(UndoneDocuments.Undo)], [], []);
    }
}
