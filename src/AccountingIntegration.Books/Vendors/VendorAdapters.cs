namespace AccountingIntegration.Books;

/// <summary>The adapters shipped with the service, by source type.</summary>
public static class VendorAdapters
{
    public static IReadOnlyList<IVendorAdapter> All { get; } =
    [
        new Vendors.Stripe.StripeAdapter(),
        new Vendors.Paddle.PaddleAdapter(),
        new Vendors.PayPal.PayPalAdapter(),
    ];

    public static IVendorAdapter? For(string sourceType) =>
        All.FirstOrDefault(adapter => string.Equals(adapter.SourceType, sourceType, StringComparison.OrdinalIgnoreCase));
}
