namespace AccountingIntegration.Books.Vendors.Square;

/// <summary>
/// The Square webhook event types the books read (the body's <c>type</c>), with what each means. Event names
/// and descriptions follow Square's API specification (square/connect-api-specification, <c>*Event</c> schemas).
/// </summary>
internal static class SquareEventTypes
{
    public const string PaymentCreated = "payment.created";
    public const string PaymentUpdated = "payment.updated";
    public const string RefundCreated = "refund.created";
    public const string RefundUpdated = "refund.updated";
    public const string OrderCreated = "order.created";
    public const string OrderUpdated = "order.updated";
    public const string OrderFulfillmentUpdated = "order.fulfillment.updated";
    public const string DisputeCreated = "dispute.created";
    public const string DisputeStateUpdated = "dispute.state.updated";
    public const string DisputeStateChanged = "dispute.state.changed";
    public const string DisputeEvidenceCreated = "dispute.evidence.created";
    public const string DisputeEvidenceUpdated = "dispute.evidence.updated";
    public const string DisputeEvidenceDeleted = "dispute.evidence.deleted";
    public const string DisputeEvidenceAdded = "dispute.evidence.added";
    public const string DisputeEvidenceRemoved = "dispute.evidence.removed";
    public const string TestNotification = "webhooks.test_notification";

    public static bool IsDispute(string type) => type.StartsWith("dispute.", StringComparison.Ordinal);

    public static IReadOnlyList<KnownEvent> Known { get; } =
    [
        new(PaymentUpdated, EventMeaning.Sale,
            "A payment changed. Once COMPLETED it is a sale of its amount plus tip, paid at the gross amount (Square's processing fee comes off when the payout is deposited); later updates (the fee arriving) are the same sale, booked once. Approved, pending, failed and canceled payments are not booked."),
        new(PaymentCreated, EventMeaning.Sale,
            "A payment was taken. Booked like payment.updated only when it is already COMPLETED (cash and most in-person payments are); otherwise the payment.updated that completes it books it."),
        new(RefundUpdated, EventMeaning.Refund,
            "A refund changed. Once COMPLETED, money went back to the customer for the payment it names; pending, rejected and failed refunds are not booked."),
        new(RefundCreated, EventMeaning.Refund,
            "A refund was started. It is usually pending and then not booked; refund.updated books it when it completes."),
        new(DisputeStateUpdated, EventMeaning.Refund,
            "A dispute (chargeback) changed state. Lost or accepted, the disputed amount went back to the cardholder and is booked as a refund of the payment; while open, inquired or won, nothing is booked."),
        new(DisputeCreated, EventMeaning.NoMoney,
            "A dispute was opened. Square holds the disputed amount until the bank decides, which is not a loss yet; booked only if it arrives already lost or accepted."),
        new(DisputeEvidenceCreated, EventMeaning.NoMoney, "Evidence was added to a dispute; no money moves."),
        new(OrderUpdated, EventMeaning.NoMoney, "Carries no amounts, only the order's state; the payment is booked from payment.updated."),
        new(OrderCreated, EventMeaning.NoMoney, "Carries no amounts; the payment is booked from payment.updated."),
        new(OrderFulfillmentUpdated, EventMeaning.NoMoney, "A fulfillment changed state; no money moves."),
        new(TestNotification, EventMeaning.NoMoney, "Square's test delivery from the Developer Console; nothing to book."),
    ];
}
