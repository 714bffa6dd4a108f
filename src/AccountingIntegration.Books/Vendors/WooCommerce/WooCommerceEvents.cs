namespace AccountingIntegration.Books.Vendors.WooCommerce;

/// <summary>The parts every WooCommerce event shares.</summary>
internal static class WooCommerceEvents
{
    public const string Vendor = "woocommerce";

    public static SourceObject Order(string id) => new("order", id);

    public static AdapterResult NoMoney(string topic, SourceObject subject, string reason) => AdapterResult.Of(new SourceEvent
    {
        Vendor = Vendor,
        EventType = topic,
        Meaning = EventMeaning.NoMoney,
        IgnoredBecause = reason,
        Subject = subject,
    });

    /// <summary>The order cancelled, on <paramref name="cancelledOn"/>: the day of its last change, which the cancellation is.</summary>
    public static AdapterResult Cancellation(string topic, SourceObject order, DateOnly? cancelledOn) => AdapterResult.Of(new SourceEvent
    {
        Vendor = Vendor,
        EventType = topic,
        Meaning = EventMeaning.Cancellation,
        Subject = order,
        Original = order,
        CancelledOn = cancelledOn,
    });
}
