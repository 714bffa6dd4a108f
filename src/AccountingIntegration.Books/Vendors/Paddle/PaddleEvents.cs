namespace AccountingIntegration.Books.Vendors.Paddle;

/// <summary>
/// The Paddle Billing events the books read (https://developer.paddle.com/webhooks/overview). A
/// transaction is booked once, from transaction.completed; a refund once, by its adjustment id.
/// </summary>
internal static class PaddleEvents
{
    public static IReadOnlyList<HandledEvent<PaddleNotification>> All { get; } =
    [
        new("transaction.completed", EventMeaning.Sale,
            "A transaction was paid and Paddle finished processing it: the sale with its lines and discounts net of tax, and the tax Paddle collected as the merchant of record on a line of its own, paid. Every transaction is booked from this event.",
            PaddleTransactionReader.Completed),
        Ignored("transaction.paid", "A transaction was paid; transaction.completed follows once Paddle has processed it.",
            "the transaction is booked once, from transaction.completed, which follows"),
        Ignored("transaction.billed", "A manually collected transaction was issued as an invoice.",
            "issuing an invoice moves no money; the transaction is booked when it completes"),
        Ignored("transaction.created", "A transaction was created.", "the transaction is booked when it completes"),
        Ignored("transaction.ready", "A transaction has everything needed for billing.", "the transaction is booked when it completes"),
        Ignored("transaction.updated", "A transaction changed.", "the transaction is booked when it completes"),
        Ignored("transaction.revised", "A billed transaction's customer details were revised.", "a revision moves no money"),
        Ignored("transaction.past_due", "A transaction's payment is overdue.", "an overdue payment moves no money"),
        Ignored("transaction.payment_failed", "A payment attempt failed.", "the payment failed: no money moved"),
        Ignored("transaction.canceled", "A transaction was canceled before it was paid.",
            "the transaction was canceled unpaid: no money moved and nothing was booked"),
        new("adjustment.created", EventMeaning.Refund,
            "An adjustment was made to a transaction: a refund or chargeback is booked once Paddle has approved it; credits book nothing. A full refund is the sale booked back line for line; a partial one its money net of tax on one line, and the tax Paddle gives back on the merchant of record tax line. A chargeback reversed is its money come back: a sales receipt of the same.",
            PaddleAdjustmentReader.Changed),
        new("adjustment.updated", EventMeaning.Refund,
            "A refund was approved or rejected: booked when approved.",
            PaddleAdjustmentReader.Changed),
        Ignored("customer.created", "A customer was created.", "a customer record moves no money"),
        Ignored("customer.updated", "A customer changed.", "a customer record moves no money"),
        Ignored("customer.imported", "A customer was imported.", "a customer record moves no money"),
        Ignored("subscription.created", "A subscription was created.", "a subscription's payments are booked from its transactions"),
        Ignored("subscription.updated", "A subscription changed.", "a subscription's payments are booked from its transactions"),
        Ignored("subscription.canceled", "A subscription was canceled.", "a subscription's payments are booked from its transactions"),
    ];

    private static HandledEvent<PaddleNotification> Ignored(string eventType, string description, string reason) =>
        new(eventType, EventMeaning.NoMoney, $"{description} Nothing to book: {reason}.", paddle => paddle.NoMoney(reason));
}
