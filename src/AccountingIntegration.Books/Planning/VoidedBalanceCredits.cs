namespace AccountingIntegration.Books;

/// <summary>
/// A credit to the customer's balance voided after it was booked (<see cref="BalanceCreditPlans"/>; a Stripe credit note
/// voided, which reverses its credit to the customer's balance). Its three documents are taken back, so the books show the
/// sale as it stood before the credit: the zero payment applying the credit memo is voided, then the credit memo is deleted
/// (QBO voids no credit memo), giving back the income and tax it took out, and the invoice of the customer balance item is
/// voided, taking the credit off the customer balance liability. The invoice is voided, not deleted: QBO documents a void
/// for it, which zeroes its amounts and keeps it, numbered, in the audit trail, as Stripe keeps the voided credit note.
/// </summary>
internal static class VoidedBalanceCredits
{
    public static BookingPlan Plan(string creditId, SaleOnRecord? sale)
    {
        var booked = sale?.DocumentsToTakeBack ?? [];
        if (booked.Count == 0)
        {
            return BookingPlan.Nothing($"Credit {creditId} was voided, and nothing was booked for its credit to the customer's balance: there is nothing to take back.");
        }

        return new BookingPlan([.. booked.Select(UndoneDocuments.Undo)], [], []);
    }
}
