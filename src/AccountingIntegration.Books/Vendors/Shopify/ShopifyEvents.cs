namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>The parts every Shopify event shares: the vendor name, the order as a source object, "nothing to book".</summary>
internal static class ShopifyEvents
{
    public const string Vendor = "shopify";

    public static SourceObject Order(string id) => new("order", id);

    public static AdapterResult NoMoney(string eventType, SourceObject subject, string reason) => AdapterResult.Of(new SourceEvent
    {
        Vendor = Vendor,
        EventType = eventType,
        Meaning = EventMeaning.NoMoney,
        IgnoredBecause = reason,
        Subject = subject,
    });

    /// <summary>Money back to the customer for the order <paramref name="orderId"/>: a refund, or a chargeback and its return.</summary>
    public static AdapterResult Refunds(string eventType, SourceObject subject, string orderId, IReadOnlyList<RefundInfo> refunds) => AdapterResult.Of(new SourceEvent
    {
        Vendor = Vendor,
        EventType = eventType,
        Meaning = EventMeaning.Refund,
        Subject = subject,
        Original = Order(orderId),
        Refunds = refunds,
    });

    public static AdapterResult Cancellation(string eventType, SourceObject order, DateOnly? cancelledOn) => AdapterResult.Of(new SourceEvent
    {
        Vendor = Vendor,
        EventType = eventType,
        Meaning = EventMeaning.Cancellation,
        Subject = order,
        Original = order,
        CancelledOn = cancelledOn,
    });
}
