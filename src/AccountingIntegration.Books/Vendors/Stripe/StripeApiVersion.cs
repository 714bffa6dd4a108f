namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>
/// The Stripe API versions whose changes decide which event books a refund or a payment. An event is
/// rendered in its webhook endpoint's version (https://docs.stripe.com/webhooks/versioning), so the event's
/// own <c>api_version</c> tells which shape, and which set of events, the source receives.
/// </summary>
internal static class StripeApiVersion
{
    /// <summary>A charge no longer embeds its refunds (https://docs.stripe.com/changelog/2022-11-15/deprecates-charges-auto-expand).</summary>
    public const string ChargeRefundsNotEmbedded = "2022-11-15";

    /// <summary>
    /// refund.created, refund.updated and refund.failed are sent for every refund, charge refunds included
    /// (https://docs.stripe.com/changelog/acacia/2024-10-28/refund-webhook-update).
    /// </summary>
    public const string RefundEventsForEveryRefund = "2024-10-28";

    /// <summary>
    /// Invoices lose charge, payment_intent and paid; payment intents and charges lose invoice
    /// (https://docs.stripe.com/changelog/basil/2025-03-31/add-support-for-multiple-partial-payments-on-invoices).
    /// </summary>
    public const string InvoiceLinksRemoved = "2025-03-31";

    /// <summary>
    /// True when the version ("2020-08-27", "2025-03-31.basil") is the given date or later. An event without a
    /// version (a generated fixture) counts as the newest, the shape current integrations receive.
    /// </summary>
    public static bool IsAtLeast(string? version, string date) =>
        version is not { Length: >= 10 } || string.CompareOrdinal(version[..10], date) >= 0;
}
