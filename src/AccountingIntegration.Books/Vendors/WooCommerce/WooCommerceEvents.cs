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

    public static AdapterResult Cancellation(string topic, SourceObject order) => AdapterResult.Of(new SourceEvent
    {
        Vendor = Vendor,
        EventType = topic,
        Meaning = EventMeaning.Cancellation,
        Subject = order,
        Original = order,
    });
}
