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
    ];

    public static IVendorAdapter? For(string sourceType) =>
        All.FirstOrDefault(adapter => string.Equals(adapter.SourceType, sourceType, StringComparison.OrdinalIgnoreCase));
}
