using System.Collections.Frozen;

namespace AccountingIntegration.Books;

/// <summary>The adapters shipped with the service, by source type.</summary>
public static class VendorAdapters
{
    public static IReadOnlyList<IVendorAdapter> All { get; } =
    [
        new Vendors.Stripe.StripeAdapter(),
        new Vendors.Shopify.ShopifyAdapter(),
        new Vendors.WooCommerce.WooCommerceAdapter(),
        new Vendors.Paddle.PaddleAdapter(),
        new Vendors.PayPal.PayPalAdapter(),
        new Vendors.Square.SquareAdapter(),
        new Vendors.Orders.OrderEventsAdapter(),
    ];

    // Asked on every delivery (its dedupe key and event type), so a look-up rather than a search with a closure.
    private static readonly FrozenDictionary<string, IVendorAdapter> BySourceType =
        All.ToFrozenDictionary(adapter => adapter.SourceType, StringComparer.OrdinalIgnoreCase);

    public static IVendorAdapter? For(string sourceType) => BySourceType.GetValueOrDefault(sourceType);
}
